// Starts the whole platform for the benchmark as `npm start` does (throw-away
// servers through scripts/infra.mjs, the six built apps, the kick-off data),
// on free ports, and measures one more instance of each app from launch to ready.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const APPS = ['members', 'clusters', 'workshops', 'notifications', 'audit', 'gateway'];
const START_TIMEOUT_MS = 180_000;

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The platform in a process group of its own; `stop()` ends it as Ctrl-C does. */
export async function startPlatform(extraEnv = {}) {
  const ports = {};
  for (const app of [...APPS, 'metrics']) ports[app] = await freePort();
  const env = {
    ...process.env,
    GATEWAY_PORT: String(ports.gateway), MEMBERS_PORT: String(ports.members), CLUSTERS_PORT: String(ports.clusters),
    WORKSHOPS_PORT: String(ports.workshops), NOTIFICATIONS_PORT: String(ports.notifications), AUDIT_PORT: String(ports.audit),
    METRICS_PORT: String(ports.metrics),
    // The limiter runs as configured, but a benchmark from one client must not be refused by it.
    RATE_LIMIT_PER_MINUTE: '1000000000',
    ...extraEnv,
  };
  const child = spawn(process.execPath, ['scripts/infra.mjs', 'run', '--', process.execPath, 'scripts/run-apps.mjs'], {
    cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true,
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!output.includes('Grappes is running')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`The platform did not start:\n${output.slice(-4000)}`);
    await sleep(200);
  }
  const urls = {
    NATS_URL: output.match(/nats: (nats:\/\/\S+)/)[1],
    MONGODB_URI: output.match(/mongodb: (mongodb:\/\/\S+)/)[1],
  };
  return {
    baseUrl: `http://127.0.0.1:${ports.gateway}/api/v1`,
    urls,
    pidsOf: (app) => descendants(child.pid).filter((pid) => cmdline(pid).includes(path.join('dist', 'apps', app, 'main.js'))),
    stop: () => stopGroup(child),
  };
}

async function stopGroup(child) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid, 'SIGINT');
  await Promise.race([exited, sleep(30_000).then(() => process.kill(-child.pid, 'SIGKILL'))]);
}

function cmdline(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

function descendants(root) {
  const parents = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      /* gone */
    }
  }
  const found = [];
  let frontier = [root];
  while (frontier.length) {
    const next = [...parents].filter(([, ppid]) => frontier.includes(ppid)).map(([pid]) => pid);
    found.push(...next);
    frontier = next;
  }
  return found;
}

/** Resident memory of a process, in MB. */
export function rssMb(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(status.match(/VmRSS:\s+(\d+)/)[1]) / 1024);
}

/**
 * One more instance of `app` beside the running platform, with the time from
 * launch until its readiness answers 200; `stop()` ends it as a SIGTERM does.
 */
export async function launchInstance(app, urls) {
  const port = await freePort();
  const env = { ...process.env, ...urls, PORT: String(port), METRICS_PORT: String(await freePort()), LOG_LEVEL: 'warn' };
  const ready = `http://127.0.0.1:${port}${app === 'gateway' ? '/api/v1' : ''}/health/ready`;
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(REPO, 'dist', 'apps', app, 'main.js')], { env, stdio: 'ignore' });
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)));
  };
  try {
    while (!(await fetch(ready).then((r) => r.ok, () => false))) {
      if (child.exitCode !== null || performance.now() - started > 30_000) throw new Error(`${app} did not become ready`);
      await sleep(10);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { coldStartMs: Math.round(performance.now() - started), pid: child.pid, stop };
}

/** Launch → ready of one more instance of `app`, then its resident memory after it has idled for a few seconds. */
export async function launchExtraInstance(app, urls) {
  const instance = await launchInstance(app, urls);
  try {
    await sleep(5_000);
    return { coldStartMs: instance.coldStartMs, idleRssMb: rssMb(instance.pid) };
  } finally {
    await instance.stop();
  }
}
