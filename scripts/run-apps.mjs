#!/usr/bin/env node
// Runs the built apps (dist/apps/<app>/main.js) side by side, prints their
// logs prefixed with the instance's name, waits until every instance is ready
// and stops them together. `npm start` runs it inside scripts/infra.mjs, which
// sets NATS_URL and MONGODB_URI; the apps inherit the environment.
//
//   node scripts/run-apps.mjs
//   GRAPPES_SCALE=clusters=2,notifications=3 node scripts/run-apps.mjs
//
// Ports: each app has its own default (gateway 3000, members 3001, clusters
// 3002, workshops 3003, notifications 3004, audit 3005); GATEWAY_PORT,
// MEMBERS_PORT, CLUSTERS_PORT, WORKSHOPS_PORT, NOTIFICATIONS_PORT and
// AUDIT_PORT move one app only.
// GRAPPES_SCALE runs more instances of a service, instance n on the app's
// port + 10·(n−1) (run-apps/instances.mjs). The gateway also serves its
// metrics on METRICS_PORT (default 9300).
// Logs: warnings, errors and the start-up lines; everything with GRAPPES_VERBOSE=1.
// E-mail: without SMTP_URL, a local catcher (scripts/mail-catcher.mjs, on
// MAIL_CATCHER_PORT, default 1025) receives the notifications' mails, keeps
// them in .data/dev/mail/ and prints a line for each.
//
// Plain Node 20; the log lines are made readable by pino-pretty (run-apps/logs.mjs).

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  StartError,
  checkPortsFree,
  instancesOf,
  scaleOf,
  scaledLines,
} from './run-apps/instances.mjs';
import { printLines, say } from './run-apps/logs.mjs';
import { waitUntilReady } from './run-apps/readiness.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const API_PREFIX = '/api/v1';
const DEV_ADMIN = { email: 'admin@grappes.test', password: 'grappes-admin' };

const STOP_GRACE_MS = 10_000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every process this script runs: `{ app, label, port, main, child, done, exited }`. */
let instances = [];
/** The local SMTP catcher's process, when SMTP_URL names no relay. */
let catcher = null;
let stopping = false;
let shutdownPromise = null;

// ---------------------------------------------------------------------------
// Configuration

/** Where the apps listen (their HOST, default loopback) and where to reach them from here. */
function hosts() {
  const bind = process.env.HOST || '127.0.0.1';
  const anyAddress = bind === '0.0.0.0' || bind === '::';
  const reach = anyAddress ? '127.0.0.1' : bind;
  return { bind, reach: reach.includes(':') ? `[${reach}]` : reach };
}

/** The web app's build, served by the gateway at `/` (WEB_ROOT) once built; a WEB_ROOT given wins. */
const WEB_BUILD = path.join(REPO, 'dist', 'apps', 'web');
const webRoot = () =>
  process.env.WEB_ROOT ||
  (fs.existsSync(path.join(WEB_BUILD, 'index.html')) ? WEB_BUILD : undefined);

/** A PORT inherited from the caller would put every app on one port: each instance gets its own. */
function envFor(instance) {
  const web = instance.app === 'gateway' && webRoot();
  return {
    ...process.env,
    PORT: String(instance.port),
    ...(web ? { WEB_ROOT: web } : {}),
  };
}

function checkBuilt(instance) {
  if (fs.existsSync(path.join(REPO, instance.main))) return;
  throw new StartError(
    `${instance.main} is missing: build the apps first (npm run build), or use npm start`,
  );
}

// ---------------------------------------------------------------------------
// The apps

/**
 * detached: each app in a process group of its own, so that a Ctrl-C in the
 * terminal reaches only this script, which then sends one SIGTERM. (Nest's
 * shutdown hook stops listening after the first signal: a second one, from
 * here, would kill the app in the middle of draining.)
 */
function startApp(instance, labelWidth) {
  const child = spawn(process.execPath, [instance.main], {
    cwd: REPO,
    env: envFor(instance),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  instance.child = child;
  printLines(child.stdout, instance.label, labelWidth);
  printLines(child.stderr, instance.label, labelWidth);
  // 'close' comes after the last output, so an app's dying words print before the verdict.
  instance.done = new Promise((resolve) => {
    child.once('error', (err) => {
      say(`[${instance.label}] cannot start: ${err.message}`);
      resolve();
    });
    child.once('close', (code, signal) => {
      instance.exited = true;
      if (!stopping) onUnexpectedExit(instance, code, signal);
      resolve();
    });
  });
}

function onUnexpectedExit(instance, code, signal) {
  const how = signal ? `signal ${signal}` : `exit code ${code}`;
  say(`[${instance.label}] exited unexpectedly (${how}); stopping the others`);
  void shutdown(1);
}

/** SIGTERM to every app (they drain NATS and finish in-flight work), SIGKILL after 10 s. */
function shutdown(exitCode) {
  shutdownPromise ??= (async () => {
    stopping = true;
    const running = instances.filter((i) => i.child && !i.exited);
    running.forEach((i) => i.child.kill('SIGTERM'));
    const allDone = Promise.all(running.map((i) => i.done));
    const inTime = await Promise.race([
      allDone.then(() => true),
      sleep(STOP_GRACE_MS).then(() => false),
    ]);
    if (!inTime) {
      for (const instance of running.filter((i) => !i.exited)) {
        say(
          `[${instance.label}] did not stop within ${STOP_GRACE_MS / 1000} s; killing it`,
        );
        instance.child.kill('SIGKILL');
      }
      await allDone;
    }
    // Last: the apps' last mails are caught before it goes.
    if (catcher && catcher.exitCode === null) {
      catcher.kill('SIGTERM');
      await new Promise((resolve) => catcher.once('exit', resolve));
    }
    // Nothing was started when the configuration was refused: its one line is the whole story.
    if (instances.some((i) => i.child)) say('all apps stopped');
    process.exit(exitCode);
  })();
  return shutdownPromise;
}

// ---------------------------------------------------------------------------
// The mail catcher

/**
 * Starts scripts/mail-catcher.mjs and points the apps at it (SMTP_URL), unless
 * SMTP_URL names a relay already. Resolves once it listens.
 */
async function startMailCatcher(labelWidth) {
  if (process.env.SMTP_URL) return;
  const port = process.env.MAIL_CATCHER_PORT || '1025';
  catcher = spawn(process.execPath, [path.join('scripts', 'mail-catcher.mjs')], {
    cwd: REPO,
    env: { ...process.env, MAIL_CATCHER_PORT: port },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  printLines(catcher.stdout, 'mail', labelWidth);
  printLines(catcher.stderr, 'mail', labelWidth);
  await new Promise((resolve, reject) => {
    catcher.stdout.on('data', (chunk) => String(chunk).includes('catching mail') && resolve());
    catcher.once('exit', () => reject(new StartError('the mail catcher could not start (see its line above)')));
  });
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
}

// ---------------------------------------------------------------------------
// Readiness

/** The gateway is ready once any instance of each service answers it: each instance is asked on its own port too. */
function readinessTargets(reach, baseUrl) {
  const services = instances
    .filter((i) => i.app !== 'gateway')
    .map((i) => ({
      label: i.label,
      url: `http://${reach}:${i.port}/health/ready`,
    }));
  return [
    ...services,
    { label: 'the gateway', url: `${baseUrl}/health/ready` },
  ];
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
      ...(webRoot() ? [`  Web app   ${baseUrl.replace(API_PREFIX, '/')}`] : []),
      `  API       ${baseUrl}`,
      `  OpenAPI   ${baseUrl}/docs`,
      `  Admin     ${adminLogin()}`,
      '  Demo      the people of scripts/seed/README.md, password grappes-demo',
      `  Mail      ${catcher ? 'caught, kept in .data/dev/mail/ (one .eml per mail)' : `sent through ${process.env.SMTP_URL.replace(/\/\/[^@/]*@/, '//')}`}`,
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
  const planned = instancesOf(scaleOf());
  planned.forEach(checkBuilt);
  await checkPortsFree(planned, bind);

  instances = planned;
  scaledLines(instances).forEach((line) => say(line));
  const labelWidth = Math.max(...instances.map((i) => i.label.length)) + 2;
  await startMailCatcher(labelWidth);
  instances.forEach((instance) => startApp(instance, labelWidth));
  const gateway = instances.find((i) => i.app === 'gateway');
  const baseUrl = `http://${reach}:${gateway.port}${API_PREFIX}`;
  await waitUntilReady(readinessTargets(reach, baseUrl), () => stopping);
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
