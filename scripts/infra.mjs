#!/usr/bin/env node
// Local infrastructure for development and tests: a NATS server (JetStream on)
// and a MongoDB-wire server (SecantusDB), started on loopback around one
// command and stopped when it ends.
//
//   node scripts/infra.mjs run [--dev] -- <command> [args...]
//   node scripts/infra.mjs ensure
//
// `run` gives the command NATS_URL and MONGODB_URI. A server already reachable
// through those variables is used as it is, and nothing is started for it.
// Without --dev the servers get free ports and a throw-away data dir
// (.data/tmp-<pid>/); with --dev (`npm start`) they keep their data in
// .data/dev/ and prefer the usual ports 4222 and 27017.
// `ensure` only locates (or builds, once) both binaries: see infra/binaries.mjs.
//
// Plain Node 20, no dependencies: it runs before `npm ci`.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { InfraError, builds, locateNats, locateSecantus } from './infra/binaries.mjs';
import { firstHostPort, natsGreeted, pickPort, probe } from './infra/net.mjs';
import { say } from './infra/say.mjs';
import { ServerGroup, isAlive, killIfServerOf, readServerList } from './infra/servers.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DATA = path.join(REPO, '.data');
const EXTERNAL_CHECK_MS = 2_000;
const USAGE = `usage: node scripts/infra.mjs run [--dev] -- <command> [args...]
       node scripts/infra.mjs ensure`;

/** Hides the password of a URI before it is printed. */
const redact = (uri) => uri.replace(/\/\/[^@/]*@/, '//***@');
const signalExitCode = (signal) => 128 + (os.constants.signals[signal] ?? 1);

const run = { group: null, child: null, signal: null, cleanup: null };

/** Is the server named by an environment variable up? Then nothing needs starting. */
async function externalServer(envName, defaultPort, isReady) {
  const uri = process.env[envName];
  if (!uri) return null;
  if (uri.startsWith('mongodb+srv://')) return uri; // an SRV URI names no port to try
  if (await probe(firstHostPort(uri, defaultPort), EXTERNAL_CHECK_MS, isReady)) return uri;
  say(`${envName}=${redact(uri)} is not reachable; starting a local server instead`);
  return null;
}

async function provideNats(dev) {
  const external = await externalServer('NATS_URL', 4222, natsGreeted);
  if (external) return say(`nats: ${redact(external)} (external)`) ?? external;
  const bin = await locateNats();
  const port = await pickPort(dev ? 4222 : null);
  const storeDir = path.join(run.group.dataDir, 'nats');
  const args = ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir];
  await run.group.start('nats-server', bin, args, { host: '127.0.0.1', port }, natsGreeted);
  const url = `nats://127.0.0.1:${port}`;
  say(`nats: ${url} (started)`);
  return url;
}

async function provideMongo(dev) {
  const external = await externalServer('MONGODB_URI', 27017, null);
  if (external) return say(`mongodb: ${redact(external)} (external)`) ?? external;
  const bin = await locateSecantus();
  const port = await pickPort(dev ? 27017 : null);
  const storeDir = path.join(run.group.dataDir, 'secantusdb');
  const args = ['--host', '127.0.0.1', '--port', String(port), '--storage-path', storeDir, '--log-level', 'WARNING', '--cache-size', '256M'];
  await run.group.start(path.basename(bin), bin, args, { host: '127.0.0.1', port });
  const uri = `mongodb://127.0.0.1:${port}/`;
  say(`mongodb: ${uri} (${path.basename(bin)}, started)`);
  return uri;
}

/** Stops what this run started and removes its temporary data; safe to call more than once. */
function cleanup() {
  run.cleanup ??= (async () => {
    builds.child?.kill('SIGTERM');
    if (!run.group) return;
    await run.group.stopAll();
    if (run.group.temporary) fs.rmSync(run.group.dataDir, { recursive: true, force: true });
  })();
  return run.cleanup;
}

/**
 * While the command runs, a signal is passed on and the command decides when
 * to end (cleanup follows its exit). Before or after, there is nothing to wait
 * for: stop what was started and leave.
 */
function onSignal(signal) {
  const child = run.child;
  if (child && child.exitCode === null && child.signalCode === null) return void child.kill(signal);
  if (run.signal) return;
  run.signal = signal;
  if (run.group) run.group.stopping = true;
  cleanup().finally(() => process.exit(signalExitCode(signal)));
}

/** Servers left behind by a run that was killed outright: stop them and drop their temporary data. */
function sweepStaleRuns() {
  if (!fs.existsSync(DATA)) return;
  for (const entry of fs.readdirSync(DATA)) {
    const tmp = entry.match(/^tmp-(\d+)$/);
    if (!tmp && entry !== 'dev') continue;
    const dir = path.join(DATA, entry);
    const list = readServerList(dir);
    const owner = list?.owner ?? (tmp ? Number(tmp[1]) : null);
    if (owner === null || owner === process.pid || isAlive(owner)) continue;
    for (const pid of list?.pids ?? []) killIfServerOf(pid, dir);
    if (tmp) fs.rmSync(dir, { recursive: true, force: true });
    else fs.rmSync(path.join(dir, 'servers.json'), { force: true });
  }
}

/** Runs the command with the servers' URLs; resolves with the exit code to pass on. */
function runCommand([cmd, ...args], env) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'inherit', env });
    run.child = child;
    child.once('error', (err) => {
      say(`cannot run ${cmd}: ${err.message}`);
      resolve(err.code === 'ENOENT' ? 127 : 126);
    });
    child.once('exit', (code, signal) => resolve(signal ? signalExitCode(signal) : code));
  });
}

async function runWithServers({ dev, command }) {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, onSignal);
  sweepStaleRuns();
  const dataDir = dev ? path.join(DATA, 'dev') : path.join(DATA, `tmp-${process.pid}`);
  const owner = readServerList(dataDir)?.owner;
  if (dev && owner && owner !== process.pid && isAlive(owner)) {
    throw new InfraError(`another \`infra.mjs run --dev\` (pid ${owner}) is using .data/dev/; stop it first`);
  }
  fs.mkdirSync(dataDir, { recursive: true });
  run.group = Object.assign(new ServerGroup(dataDir), { temporary: !dev });
  let env;
  try {
    const NATS_URL = await provideNats(dev);
    const MONGODB_URI = await provideMongo(dev);
    env = { ...process.env, NATS_URL, MONGODB_URI };
  } catch (err) {
    await cleanup();
    if (run.signal) return signalExitCode(run.signal);
    throw err;
  }
  if (run.signal) return signalExitCode(run.signal); // a signal arrived as the last server came up
  const code = await runCommand(command, env);
  await cleanup();
  return code;
}

async function ensure() {
  say(`nats-server: ${await locateNats()}`);
  say(`secantusdb: ${await locateSecantus()}`);
  return 0;
}

function parseArgs([sub, ...rest]) {
  const dashes = rest.indexOf('--');
  const options = dashes === -1 ? rest : rest.slice(0, dashes);
  const command = dashes === -1 ? [] : rest.slice(dashes + 1);
  if (sub === 'ensure' && rest.length === 0) return { sub };
  if (sub === 'run' && options.every((o) => o === '--dev') && command.length > 0) {
    return { sub, dev: options.includes('--dev'), command };
  }
  return null;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!args) return say(USAGE) ?? 2;
  try {
    return args.sub === 'ensure' ? await ensure() : await runWithServers(args);
  } catch (err) {
    if (!(err instanceof InfraError)) throw err;
    say(err.message);
    return 1;
  }
}

process.exit(await main());
