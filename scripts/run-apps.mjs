#!/usr/bin/env node
// Runs the five built apps (dist/apps/<app>/main.js) side by side, prints their
// logs prefixed with the app's name, waits until the gateway is ready and stops
// them together. `npm start` runs it inside scripts/infra.mjs, which sets
// NATS_URL and MONGODB_URI; the apps inherit the environment.
//
//   node scripts/run-apps.mjs
//
// Ports: each app has its own default (gateway 3000, members 3001, clusters
// 3002, workshops 3003, notifications 3004); GATEWAY_PORT, MEMBERS_PORT,
// CLUSTERS_PORT, WORKSHOPS_PORT and NOTIFICATIONS_PORT move one app only.
// The gateway also serves its metrics on METRICS_PORT (default 9300).
// Logs: warnings, errors and the start-up lines; everything with GRAPPES_VERBOSE=1.
//
// Plain Node 20, no dependencies.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Services first: the gateway is ready only once every service answers. */
const APPS = [
  { name: 'members', port: 3001, portVar: 'MEMBERS_PORT' },
  { name: 'clusters', port: 3002, portVar: 'CLUSTERS_PORT' },
  { name: 'workshops', port: 3003, portVar: 'WORKSHOPS_PORT' },
  { name: 'notifications', port: 3004, portVar: 'NOTIFICATIONS_PORT' },
  { name: 'gateway', port: 3000, portVar: 'GATEWAY_PORT' },
];
/** The gateway's internal metrics port: the gateway reads METRICS_PORT itself. */
const GATEWAY_METRICS = { name: 'gateway metrics', port: 9300, portVar: 'METRICS_PORT' };
const API_PREFIX = '/api/v1';
const DEV_ADMIN = { email: 'admin@grappes.test', password: 'grappes-admin' };

const POLL_MS = 300;
const READY_TIMEOUT_MS = 60_000;
const PROBE_TIMEOUT_MS = 3_000;
const STOP_GRACE_MS = 10_000;

const VERBOSE = process.env.GRAPPES_VERBOSE === '1';
const WARN = 40;
const LEVEL_NAMES = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};
/** pino's bookkeeping, left out of the printed line. */
const QUIET_FIELDS = new Set([
  'level',
  'time',
  'pid',
  'hostname',
  'service',
  'msg',
  'context',
]);
const LABEL_WIDTH = Math.max(...APPS.map((app) => app.name.length)) + 2;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

class StartError extends Error {}

let stopping = false;
let shutdownPromise = null;

function say(line) {
  process.stdout.write(`${line}\n`);
}

// ---------------------------------------------------------------------------
// Configuration

/** The port an app will listen on: its own variable, else the app's default. */
function portOf(app) {
  const value = process.env[app.portVar];
  if (value === undefined || value === '') return app.port;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new StartError(
      `${app.portVar}=${value} is not a port number (1-65535)`,
    );
  }
  return port;
}

/** Where the apps listen (their HOST, default loopback) and where to reach them from here. */
function hosts() {
  const bind = process.env.HOST || '127.0.0.1';
  const anyAddress = bind === '0.0.0.0' || bind === '::';
  const reach = anyAddress ? '127.0.0.1' : bind;
  return { bind, reach: reach.includes(':') ? `[${reach}]` : reach };
}

/**
 * A PORT inherited from the caller would put all five apps on one port: it is
 * dropped, and each app gets PORT only from its own variable.
 */
function envFor(app) {
  const env = { ...process.env };
  delete env.PORT;
  if (process.env[app.portVar]) env.PORT = String(app.listenPort);
  return env;
}

function canListen(port, host) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** Fails early and clearly instead of leaving an app to die on EADDRINUSE. */
async function checkPortsFree(host) {
  GATEWAY_METRICS.listenPort = portOf(GATEWAY_METRICS);
  for (const app of [...APPS, GATEWAY_METRICS]) {
    if (await canListen(app.listenPort, host)) continue;
    throw new StartError(
      `port ${app.listenPort} (${app.name}) is already in use on ${host}: is Grappes already running? ` +
        `Stop it, or move the app with ${app.portVar}=<port>`,
    );
  }
}

function checkBuilt(app) {
  if (fs.existsSync(path.join(REPO, app.main))) return;
  throw new StartError(
    `${app.main} is missing: build the apps first (npm run build), or use npm start`,
  );
}

// ---------------------------------------------------------------------------
// Logs

function timeOf(entry) {
  const time = new Date(entry.time ?? Date.now());
  return Number.isNaN(time.getTime())
    ? ''
    : `${time.toISOString().slice(11, 23)} `;
}

/** The fields beyond the message: a request in one line, an error with its stack. */
function detailsOf(entry) {
  const { req, res, responseTime, err, ...rest } = entry;
  const parts = [];
  if (req && res)
    parts.push(`${req.method} ${req.url} ${res.statusCode} ${responseTime}ms`);
  const extra = Object.fromEntries(
    Object.entries(rest).filter(([key]) => !QUIET_FIELDS.has(key)),
  );
  if (Object.keys(extra).length > 0) parts.push(JSON.stringify(extra));
  const stack = err?.stack ? `\n${err.stack}` : '';
  return (parts.length ? ` ${parts.join(' ')}` : '') + stack;
}

/** `members ready: health on …`, `gateway ready: http://…` (not the route table's `/health/ready`). */
function isStartupLine(entry) {
  return typeof entry.msg === 'string' && /^\w+ ready\b/.test(entry.msg);
}

/** A pino JSON line made readable, null when it is below the threshold; other lines unchanged. */
function formatLine(line) {
  let entry;
  try {
    entry = JSON.parse(line);
  } catch {
    return line;
  }
  if (typeof entry?.level !== 'number') return line;
  if (!VERBOSE && entry.level < WARN && !isStartupLine(entry)) return null;
  const level = (LEVEL_NAMES[entry.level] ?? String(entry.level)).padEnd(5);
  const context = entry.context ? `${entry.context}: ` : '';
  return `${timeOf(entry)}${level} ${context}${entry.msg ?? ''}${detailsOf(entry)}`;
}

function printLines(stream, app) {
  const label = `[${app.name}]`.padEnd(LABEL_WIDTH);
  readline.createInterface({ input: stream }).on('line', (line) => {
    const text = formatLine(line);
    if (text === null) return;
    say(
      text
        .split('\n')
        .map((part) => `${label} ${part}`)
        .join('\n'),
    );
  });
}

// ---------------------------------------------------------------------------
// The apps

/**
 * detached: each app in a process group of its own, so that a Ctrl-C in the
 * terminal reaches only this script, which then sends one SIGTERM. (Nest's
 * shutdown hook stops listening after the first signal: a second one, from
 * here, would kill the app in the middle of draining.)
 */
function startApp(app) {
  const child = spawn(process.execPath, [app.main], {
    cwd: REPO,
    env: envFor(app),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  app.child = child;
  printLines(child.stdout, app);
  printLines(child.stderr, app);
  // 'close' comes after the last output, so an app's dying words print before the verdict.
  app.done = new Promise((resolve) => {
    child.once('error', (err) => {
      say(`[${app.name}] cannot start: ${err.message}`);
      resolve();
    });
    child.once('close', (code, signal) => {
      app.exited = true;
      if (!stopping) onUnexpectedExit(app, code, signal);
      resolve();
    });
  });
}

function onUnexpectedExit(app, code, signal) {
  const how = signal ? `signal ${signal}` : `exit code ${code}`;
  say(`[${app.name}] exited unexpectedly (${how}); stopping the others`);
  void shutdown(1);
}

/** SIGTERM to every app (they drain NATS and finish in-flight work), SIGKILL after 10 s. */
function shutdown(exitCode) {
  shutdownPromise ??= (async () => {
    stopping = true;
    const running = APPS.filter((app) => app.child && !app.exited);
    running.forEach((app) => app.child.kill('SIGTERM'));
    const allDone = Promise.all(running.map((app) => app.done));
    const inTime = await Promise.race([
      allDone.then(() => true),
      sleep(STOP_GRACE_MS).then(() => false),
    ]);
    if (!inTime) {
      for (const app of running.filter((a) => !a.exited)) {
        say(
          `[${app.name}] did not stop within ${STOP_GRACE_MS / 1000} s; killing it`,
        );
        app.child.kill('SIGKILL');
      }
      await allDone;
    }
    say('all apps stopped');
    process.exit(exitCode);
  })();
  return shutdownPromise;
}

// ---------------------------------------------------------------------------
// Readiness

/** The gateway's readiness answer: 200, or the status and which checks are down. */
async function probeReady(url) {
  try {
    const res = await fetch(url, {
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    const body = await res.json().catch(() => null);
    if (res.status === 200) return { ready: true };
    const down = Object.entries(body?.details ?? {})
      .filter(([, state]) => state === 'down')
      .map(([name]) => name);
    return {
      ready: false,
      last: `${res.status}${down.length ? `, down: ${down.join(', ')}` : ''}`,
    };
  } catch (err) {
    return { ready: false, last: err.cause?.code ?? err.name };
  }
}

async function waitUntilReady(url) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last = 'no answer';
  while (!stopping) {
    const probe = await probeReady(url);
    if (probe.ready) return;
    last = probe.last;
    if (Date.now() >= deadline) {
      throw new StartError(
        `the gateway was not ready within ${READY_TIMEOUT_MS / 1000} s at ${url} (last answer: ${last})`,
      );
    }
    await sleep(POLL_MS);
  }
}

/** The password is shown only when it is the well-known development default. */
function adminLogin() {
  const { ADMIN_EMAIL, ADMIN_PASSWORD } = process.env;
  if (!ADMIN_EMAIL && !ADMIN_PASSWORD)
    return `${DEV_ADMIN.email} / ${DEV_ADMIN.password}`;
  const password = ADMIN_PASSWORD
    ? 'the password of ADMIN_PASSWORD'
    : 'the default password';
  return `${ADMIN_EMAIL || DEV_ADMIN.email} (${password})`;
}

function printBanner(baseUrl) {
  say(
    [
      '',
      'Grappes is running',
      `  API       ${baseUrl}`,
      `  OpenAPI   ${baseUrl}/docs`,
      `  Admin     ${adminLogin()}`,
      '  Demo      the people of scripts/seed/README.md, password grappes-demo',
      'Ctrl-C to stop',
      '',
    ].join('\n'),
  );
}

// ---------------------------------------------------------------------------

function onSignal() {
  if (stopping) return; // a terminal's Ctrl-C also arrives through infra.mjs and npm
  say('stopping the apps...');
  void shutdown(0);
}

/** Once the terminal is gone, writing fails: that must not end this script before the apps. */
function ignoreOutputErrors() {
  const ignore = () => undefined;
  process.stdout.on('error', ignore);
  process.stderr.on('error', ignore);
}

async function main() {
  ignoreOutputErrors();
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'])
    process.on(signal, onSignal);

  const { bind, reach } = hosts();
  for (const app of APPS) {
    app.listenPort = portOf(app);
    app.main = path.join('dist', 'apps', app.name, 'main.js');
    checkBuilt(app);
  }
  await checkPortsFree(bind);

  APPS.forEach(startApp);
  const gateway = APPS.find((app) => app.name === 'gateway');
  const baseUrl = `http://${reach}:${gateway.listenPort}${API_PREFIX}`;
  await waitUntilReady(`${baseUrl}/health/ready`);
  if (!stopping) await seedIfEmpty(baseUrl);
  if (!stopping) printBanner(baseUrl);
}

/**
 * A new platform shows something at once: on an empty directory the kick-off
 * demo data is loaded (scripts/seed.mjs; GRAPPES_SEED=0 turns this off).
 */
async function seedIfEmpty(baseUrl) {
  if (process.env.GRAPPES_SEED === '0') return;
  const adminEmail = process.env.ADMIN_EMAIL || DEV_ADMIN.email;
  const adminPassword = process.env.ADMIN_PASSWORD || DEV_ADMIN.password;
  const login = await fetch(`${baseUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: adminEmail, password: adminPassword }),
  }).then((r) => r.json());
  const directory = await fetch(`${baseUrl}/companies?limit=1`, {
    headers: { authorization: `Bearer ${login.accessToken}` },
  }).then((r) => r.json());
  if (directory.total !== 0) return;
  const { seed } = await import('./seed.mjs');
  await seed({ baseUrl, adminEmail, adminPassword, log: say });
}

// Whatever goes wrong, the apps are stopped: they are detached and would outlive this script.
main().catch((err) => {
  say(err instanceof StartError ? err.message : err.stack);
  void shutdown(1);
});
