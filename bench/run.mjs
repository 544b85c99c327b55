#!/usr/bin/env node
// `npm run bench`: the platform's figures beside its own ceilings, in one run,
// with one load generator on loopback. Writes bench/results/latest.json.
//
//   npm run bench                         start the platform on throw-away servers, load the kick-off, measure
//   BENCH_TARGET=<api url> npm run bench  measure the reads of a platform already running (admin login
//                                         from ADMIN_EMAIL / ADMIN_PASSWORD, dev defaults otherwise)
// BENCH_QUICK=1 measures for shorter (reads 3 s, joins 10 s, 2,000 events), for iterating.
// BENCH_DURATION_S sets the seconds of each read measurement (default 10); BENCH_JOIN_RATE and
// BENCH_JOIN_SECONDS the paced joins (200/s for 30 s); BENCH_WRITES=0 skips the joins;
// BENCH_EVENTS the events sent through the notifications consumer (10,000); BENCH_GROWTH the
// factor the kick-off data is grown by before the reads are measured again (100; 0 skips).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eventThroughput } from './events.mjs';
import { growTo } from './growth.mjs';
import { CONNECTIONS, DURATION_S, QUICK, measure } from './load.mjs';
import { APPS, launchExtraInstance, launchInstance, startPlatform } from './platform.mjs';
import { writes } from './writes.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ADMIN = { email: process.env.ADMIN_EMAIL ?? 'admin@grappes.test', password: process.env.ADMIN_PASSWORD ?? 'grappes-admin' };

function say(line) {
  process.stderr.write(`bench: ${line}\n`);
}

async function bareCeiling() {
  const child = spawn(process.execPath, [path.join(HERE, 'bare-server.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((resolve) => child.stdout.once('data', (chunk) => resolve(Number(String(chunk).trim()))));
  try {
    return await measure(`http://127.0.0.1:${port}/`);
  } finally {
    child.kill('SIGTERM');
  }
}

async function api(baseUrl, pathname, { token, method = 'GET', body } = {}) {
  const response = await fetch(`${baseUrl}${pathname}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body && JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${pathname}: ${response.status} ${await response.text()}`);
  return response.json();
}

const round2 = (x) => Math.round(x * 100) / 100;

const READS = (cluster) => [
  ['readCluster', `/clusters/${cluster.id}`],
  ['readDirectory', '/companies?capability=movements'],
  ['readInbox', '/notifications?limit=20'],
];

async function signIn(baseUrl) {
  const { accessToken } = await api(baseUrl, '/auth/login', { method: 'POST', body: ADMIN });
  const [cluster] = (await api(baseUrl, '/clusters?limit=1', { token: accessToken })).items;
  if (!cluster) throw new Error('No cluster: load the kick-off data first (npm run seed)');
  return { accessToken, auth: { authorization: `Bearer ${accessToken}` }, cluster };
}

/** The three reads at CONNECTIONS connections, each beside the echo ceiling when there is one. */
async function readFigures(baseUrl, { auth, cluster }, echo, label = '') {
  const figures = {};
  for (const [name, pathname] of READS(cluster)) {
    const { rps, p50Ms, p99Ms, failed } = await measure(`${baseUrl}${pathname}`, auth);
    if (failed) figures[`${name}Failed`] = failed;
    Object.assign(figures, { [`${name}Rps`]: rps, [`${name}P50Ms`]: p50Ms, [`${name}P99Ms`]: p99Ms, ...(echo ? { [`${name}ToEcho`]: round2(rps / echo.rps) } : {}) });
    say(`${label}${pathname}: ${rps} req/s, p50 ${p50Ms} ms, p99 ${p99Ms} ms${failed ? `, ${failed} answers not 2xx (timeouts, errors)` : ''}`);
  }
  return figures;
}

/** The echo ceiling; a platform of an older version without /ping has none. */
async function echoCeiling(baseUrl, { auth }) {
  const pinged = await measure(`${baseUrl}/ping`, auth);
  const echo = pinged.failed < pinged.rps ? pinged : undefined;
  say(echo ? `/ping (the echo ceiling: token check, logging, limits, a NATS round trip): ${echo.rps} req/s, p99 ${echo.p99Ms} ms` : 'no /ping here: no echo ceiling');
  return echo;
}

async function reads(baseUrl, session) {
  const echo = await echoCeiling(baseUrl, session);
  return { ...(echo ? { echoRps: echo.rps, echoP99Ms: echo.p99Ms } : {}), ...(await readFigures(baseUrl, session, echo)) };
}

/**
 * The reads again once the kick-off data is `factor` times larger: `growth`
 * is each read's cost (time per request at saturation, 1 / req/s) at that size
 * over its cost at the kick-off's.
 */
async function growth(platform, session, atKickOff, factor) {
  const sizes = await growTo(platform.urls.MONGODB_URI, factor);
  say(`the kick-off grown ${factor}×: ${sizes.companies} companies, ${sizes.notifications} notifications`);
  const grown = await readFigures(platform.baseUrl, session, undefined, `at ${factor}× `);
  const byRead = {};
  // A read that answered nothing in time at the larger size has no finite cost: null, with its failures beside it.
  for (const [name] of READS(session.cluster)) byRead[name] = grown[`${name}Rps`] > 0 ? round2(atKickOff[`${name}Rps`] / grown[`${name}Rps`]) : null;
  return { growth: byRead, growthFactor: factor, growthData: sizes, readsGrown: grown };
}

/** 10,000 events through the notifications service's consumer, with one instance, then with a second one beside it. */
async function events(platform, session, count) {
  const clusters = (await api(platform.baseUrl, '/clusters?limit=100', { token: session.accessToken })).items;
  const one = await eventThroughput(platform.urls.NATS_URL, clusters, count);
  say(`${count} events, one notifications instance: ${one.eventsPerSecond} events/s (${one.seconds} s, ${one.redelivered} redelivered)`);
  const second = await launchInstance('notifications', platform.urls);
  try {
    const two = await eventThroughput(platform.urls.NATS_URL, clusters, count);
    say(`${count} events, two notifications instances: ${two.eventsPerSecond} events/s (${two.seconds} s, ${two.redelivered} redelivered)`);
    return { eventsPerSecond1: one.eventsPerSecond, eventsPerSecond2: two.eventsPerSecond, events: { count, one, two } };
  } finally {
    await second.stop();
  }
}

async function startAndMemory(urls) {
  const coldStartMs = {};
  const idleRssMb = {};
  for (const app of APPS) {
    ({ coldStartMs: coldStartMs[app], idleRssMb: idleRssMb[app] } = await launchExtraInstance(app, urls));
    say(`${app}: ready ${coldStartMs[app]} ms after launch, ${idleRssMb[app]} MB resident when idle`);
  }
  return { coldStartMs, idleRssMb };
}

function machine() {
  const cpus = os.cpus();
  return { cpus: cpus.length, cpuModel: cpus[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.type()} ${os.release()}` };
}

async function main() {
  const began = performance.now();
  const results = { date: new Date().toISOString(), machine: machine(), load: { tool: 'autocannon', connections: CONNECTIONS, seconds: DURATION_S }, quick: QUICK };
  const bare = await bareCeiling();
  results.bareRps = bare.rps;
  say(`bare Node HTTP server: ${bare.rps} req/s`);
  if (process.env.BENCH_TARGET) {
    Object.assign(results, { target: process.env.BENCH_TARGET }, await reads(process.env.BENCH_TARGET, await signIn(process.env.BENCH_TARGET)));
  } else {
    say('building the apps (Nx; unchanged ones come from its cache)');
    const env = { NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', ...process.env };
    const build = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '--projects=tag:type:app'], { cwd: path.join(HERE, '..'), env, stdio: ['ignore', 'ignore', 'inherit'] });
    if (build.status !== 0) throw new Error('The build failed: run `npx nx run-many -t build` to see why');
    say('starting the platform on throw-away servers and loading the kick-off data');
    const platform = await startPlatform();
    try {
      const session = await signIn(platform.baseUrl);
      Object.assign(results, await reads(platform.baseUrl, session));
      const factor = Number(process.env.BENCH_GROWTH ?? 100);
      // Before the joins, whose notifications would make the 1× inbox larger than the kick-off's.
      if (factor > 1) Object.assign(results, await growth(platform, session, results, factor));
      if (process.env.BENCH_WRITES !== '0') {
        say('joins at a fixed rate, then as fast as they are taken (BENCH_WRITES=0 skips)');
        const figures = await writes({ baseUrl: platform.baseUrl, token: session.accessToken }, platform.urls.MONGODB_URI);
        say(`joins: HTTP p99 ${figures.joinHttpP99Ms} ms; join → notification p50 ${figures.joinToNotificationP50Ms} ms, p99 ${figures.joinToNotificationP99Ms} ms; ${JSON.stringify(figures.joinBurst)}`);
        Object.assign(results, figures);
      }
      const count = Number(process.env.BENCH_EVENTS ?? (QUICK ? 2_000 : 10_000));
      if (count > 0) Object.assign(results, await events(platform, session, count));
      Object.assign(results, await startAndMemory(platform.urls));
    } finally {
      await platform.stop();
    }
  }
  results.benchSeconds = Math.round((performance.now() - began) / 1000);
  fs.mkdirSync(path.join(HERE, 'results'), { recursive: true });
  fs.writeFileSync(path.join(HERE, 'results', 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
}

await main();
