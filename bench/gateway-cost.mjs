#!/usr/bin/env node
// What one request costs the gateway, in CPU time: the platform is started on
// throw-away servers, one more gateway is launched beside it, and a fixed number
// of requests is sent to it; its CPU time (user + system, from /proc) divided by
// the requests answered. Unlike requests/s, this hardly moves when other
// processes share the machine, so a change can be compared before and after.
//
//   node bench/gateway-cost.mjs              /ping, /me and /health/live, 5,000 requests each (and the members
//                                            service's CPU per request, which answers /ping)
//   GATEWAY_COST_PATHS=/ping node bench/gateway-cost.mjs   only those paths (comma-separated)
//   GATEWAY_PROFILE=1 node bench/gateway-cost.mjs   also writes a CPU profile (--cpu-prof) of /ping to bench/results/
// Run `npm run build` first.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { freePort, startPlatform } from './platform.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REQUESTS = Number(process.env.GATEWAY_COST_REQUESTS ?? 5_000);
const ADMIN = { email: 'admin@grappes.test', password: 'grappes-admin' };
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function cpuMs(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const [utime, stime] = stat.slice(stat.lastIndexOf(')') + 2).split(' ').slice(11, 13).map(Number);
  return ((utime + stime) * 1000) / 100; // clock ticks of 10 ms
}

async function gateway(urls, argv = []) {
  const port = await freePort();
  const env = { ...process.env, ...urls, PORT: String(port), METRICS_PORT: String(await freePort()), RATE_LIMIT_PER_MINUTE: '1000000000' };
  const child = spawn(process.execPath, [...argv, path.join(HERE, '..', 'dist', 'apps', 'gateway', 'main.js')], { env, stdio: 'ignore', cwd: path.join(HERE, 'results') });
  const base = `http://127.0.0.1:${port}/api/v1`;
  while (!(await fetch(`${base}/health/ready`).then((r) => r.ok, () => false))) await sleep(50);
  return { base, pid: child.pid, stop: () => new Promise((resolve) => child.once('exit', resolve) && child.kill('SIGTERM')) };
}

/** CPU per request of the gateway, and of the members service behind it (which answers /ping and /me's account). */
async function cost(instance, members, pathname, headers) {
  await autocannon({ url: `${instance.base}${pathname}`, headers, connections: 20, amount: 1_000 }); // warm-up
  const cpu = () => [cpuMs(instance.pid), members.reduce((sum, pid) => sum + cpuMs(pid), 0)];
  const before = cpu();
  const result = await autocannon({ url: `${instance.base}${pathname}`, headers, connections: 20, amount: REQUESTS });
  const ok = result['2xx'];
  const [gatewayMs, membersMs] = cpu().map((ms, i) => Math.round(((ms - before[i]) / ok) * 1000) / 1000);
  return { path: pathname, cpuMsPerRequest: gatewayMs, membersCpuMsPerRequest: membersMs, ok, rps: Math.round(result.requests.average) };
}

const platform = await startPlatform();
try {
  const instance = await gateway(platform.urls, process.env.GATEWAY_PROFILE === '1' ? ['--cpu-prof', '--cpu-prof-dir=.'] : []);
  try {
    // Signed in through this gateway: a development secret may be its own.
    const login = await fetch(`${instance.base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
    const { accessToken } = await login.json();
    const auth = { authorization: `Bearer ${accessToken}` };
    const members = platform.pidsOf('members');
    const paths = (process.env.GATEWAY_COST_PATHS ?? '/health/live,/me,/ping').split(',');
    const figures = [];
    for (const pathname of paths) figures.push(await cost(instance, members, pathname, pathname === '/health/live' ? {} : auth));
    process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
  } finally {
    await instance.stop();
  }
} finally {
  await platform.stop();
}
