#!/usr/bin/env node
// `npm run bench`: the platform's figures beside its own ceilings, in one run,
// with one load generator on loopback. Writes bench/results/latest.json.
//
//   npm run bench                         start the platform on throw-away servers, load the kick-off, measure
//   BENCH_TARGET=<api url> npm run bench  measure the reads of a platform already running (admin login
//                                         from ADMIN_EMAIL / ADMIN_PASSWORD, dev defaults otherwise)
// BENCH_DURATION_S sets the seconds of each read measurement (default 10); BENCH_JOIN_RATE and
// BENCH_JOIN_SECONDS the paced joins (200/s for 30 s); BENCH_WRITES=0 skips the joins.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONNECTIONS, DURATION_S, measure } from './load.mjs';
import { APPS, launchExtraInstance, startPlatform } from './platform.mjs';
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

/** The reads and their echo ceiling; a platform of an older version without /ping is measured on its reads only. */
async function reads(baseUrl) {
  const { accessToken } = await api(baseUrl, '/auth/login', { method: 'POST', body: ADMIN });
  const auth = { authorization: `Bearer ${accessToken}` };
  const [cluster] = (await api(baseUrl, '/clusters?limit=1', { token: accessToken })).items;
  if (!cluster) throw new Error('No cluster: load the kick-off data first (npm run seed)');
  const pinged = await measure(`${baseUrl}/ping`, auth);
  const echo = pinged.failed < pinged.rps ? pinged : undefined;
  const figures = echo ? { echoRps: echo.rps, echoP99Ms: echo.p99Ms } : {};
  say(echo ? `/ping (the echo ceiling: token check, logging, limits, a NATS round trip): ${echo.rps} req/s, p99 ${echo.p99Ms} ms` : 'no /ping here: no echo ceiling');
  for (const [name, pathname] of [
    ['readCluster', `/clusters/${cluster.id}`],
    ['readDirectory', '/companies?capability=movements'],
    ['readInbox', '/notifications?limit=20'],
  ]) {
    const { rps, p50Ms, p99Ms, failed } = await measure(`${baseUrl}${pathname}`, auth);
    if (failed) figures[`${name}Failed`] = failed;
    Object.assign(figures, { [`${name}Rps`]: rps, [`${name}P50Ms`]: p50Ms, [`${name}P99Ms`]: p99Ms, ...(echo ? { [`${name}ToEcho`]: round2(rps / echo.rps) } : {}) });
    say(`${pathname}: ${rps} req/s, p50 ${p50Ms} ms, p99 ${p99Ms} ms${failed ? `, ${failed} answers not 2xx (timeouts, errors)` : ''}`);
  }
  return figures;
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
  const results = { date: new Date().toISOString(), machine: machine(), load: { tool: 'autocannon', connections: CONNECTIONS, seconds: DURATION_S } };
  const bare = await bareCeiling();
  results.bareRps = bare.rps;
  say(`bare Node HTTP server: ${bare.rps} req/s`);
  if (process.env.BENCH_TARGET) {
    Object.assign(results, { target: process.env.BENCH_TARGET }, await reads(process.env.BENCH_TARGET));
  } else {
    say('building the apps (Nx; unchanged ones come from its cache)');
    const env = { NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', ...process.env };
    const build = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '--projects=tag:type:app'], { cwd: path.join(HERE, '..'), env, stdio: ['ignore', 'ignore', 'inherit'] });
    if (build.status !== 0) throw new Error('The build failed: run `npx nx run-many -t build` to see why');
    say('starting the platform on throw-away servers and loading the kick-off data');
    const platform = await startPlatform();
    try {
      Object.assign(results, await reads(platform.baseUrl));
      if (process.env.BENCH_WRITES !== '0') {
        say('joins at a fixed rate, then as fast as they are taken (BENCH_WRITES=0 skips)');
        const { accessToken } = await api(platform.baseUrl, '/auth/login', { method: 'POST', body: ADMIN });
        const figures = await writes({ baseUrl: platform.baseUrl, token: accessToken }, platform.urls.MONGODB_URI);
        say(`joins: HTTP p99 ${figures.joinHttpP99Ms} ms; join → notification p50 ${figures.joinToNotificationP50Ms} ms, p99 ${figures.joinToNotificationP99Ms} ms; ${JSON.stringify(figures.joinBurst)}`);
        Object.assign(results, figures);
      }
      Object.assign(results, await startAndMemory(platform.urls));
    } finally {
      await platform.stop();
    }
  }
  fs.mkdirSync(path.join(HERE, 'results'), { recursive: true });
  fs.writeFileSync(path.join(HERE, 'results', 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
}

await main();
