#!/usr/bin/env node
// Local infrastructure for development and tests: a NATS server (JetStream on)
// and a MongoDB-wire server (FerretDB over SQLite), started on loopback ports
// around one command and stopped when it ends.
//
//   node scripts/infra.mjs run [--dev] -- <command> [args...]
//   node scripts/infra.mjs ensure
//
// `run` gives the command NATS_URL and MONGODB_URI. A server that is already
// reachable through those variables is used as is and nothing is started for it.
// Without --dev the servers get free ports and a throw-away data dir
// (.data/tmp-<pid>/); with --dev (`npm start`) they keep their data in .data/dev/
// and prefer the usual ports 4222 and 27017.
// `ensure` only locates both binaries (building FerretDB if needed), for CI.
//
// Plain Node 20, no dependencies: it must run before `npm ci`.

import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DATA = path.join(REPO, '.data');
const FERRETDB_MODULE = 'github.com/FerretDB/FerretDB';
const FERRETDB_VERSION = 'v1.24.2';
const READY_TIMEOUT_MS = 30_000;
const POLL_MS = 100;
const STOP_GRACE_MS = 5_000;
const EXTERNAL_CHECK_MS = 2_000;

const USAGE = `usage: node scripts/infra.mjs run [--dev] -- <command> [args...]
       node scripts/infra.mjs ensure`;

// ---------------------------------------------------------------------------
// Small helpers

/** Status lines go to stderr so that the command's stdout stays its own. */
function say(line) {
  process.stderr.write(`${line}\n`);
}

class InfraError extends Error {}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Like `which`, plus a few directories that are often missing from a user's PATH. */
function findOnPath(name, extraDirs = []) {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  for (const dir of [...dirs, ...extraDirs]) {
    const file = path.join(dir, name);
    if (isExecutable(file)) return file;
  }
  return null;
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

/** The last lines of a server's log, for error messages. */
function logTail(file, lines = 15) {
  try {
    const text = fs.readFileSync(file, 'utf8').trimEnd();
    return text ? text.split('\n').slice(-lines).join('\n') : '(log is empty)';
  } catch {
    return '(no log)';
  }
}

/** Hides the password of a URI before it is printed. */
function redact(uri) {
  return uri.replace(/\/\/[^@/]*@/, '//***@');
}

// ---------------------------------------------------------------------------
// Network probes

/** First host:port of a nats:// list or a mongodb:// URI (user info, path and query dropped). */
function firstHostPort(uri, defaultPort) {
  const first = uri.split(',')[0].trim();
  const afterScheme = first.includes('://')
    ? first.slice(first.indexOf('://') + 3)
    : first;
  const hostList = afterScheme.split(/[/?]/)[0];
  const hostPort = hostList.slice(hostList.lastIndexOf('@') + 1).split(',')[0];
  const ipv6 = hostPort.match(/^\[([^\]]+)\](?::(\d+))?$/);
  if (ipv6) return { host: ipv6[1], port: Number(ipv6[2] ?? defaultPort) };
  const [host, port] = hostPort.split(':');
  return { host: host || '127.0.0.1', port: Number(port || defaultPort) };
}

/**
 * Opens a TCP connection and resolves true once `isReady(receivedText)` holds
 * (immediately on connect when no check is given); false on error or timeout.
 */
function probe({ host, port }, timeoutMs, isReady = null) {
  return new Promise((resolve) => {
    let received = '';
    const socket = net.connect({ host, port });
    const done = (ok) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once('error', () => done(false));
    socket.once('connect', () => {
      if (!isReady) done(true);
    });
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      if (isReady?.(received)) done(true);
    });
  });
}

/** NATS greets every client with an `INFO {...}` line; seeing it means the server is serving. */
const natsGreeted = (text) => text.startsWith('INFO ') && text.includes('\r\n');

function canListen(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A port the kernel has just handed out on loopback (tiny race until the server binds it). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function pickPort(preferred) {
  if (preferred && (await canListen(preferred))) return preferred;
  return freePort();
}

/** Is the server named by an environment variable up? Then nothing needs starting. */
async function externalServer(envName, defaultPort, isReady) {
  const uri = process.env[envName];
  if (!uri) return null;
  // An SRV URI names no port to try; trust it as the user meant it.
  if (uri.startsWith('mongodb+srv://')) return uri;
  const target = firstHostPort(uri, defaultPort);
  if (await probe(target, EXTERNAL_CHECK_MS, isReady)) return uri;
  say(
    `${envName}=${redact(uri)} is not reachable; starting a local server instead`,
  );
  return null;
}

// ---------------------------------------------------------------------------
// Locating (and building) the binaries

function locateNats() {
  const bin = findOnPath('nats-server', ['/usr/sbin', '/usr/local/sbin']);
  if (!bin) {
    throw new InfraError(
      'nats-server not found: install it with `sudo apt-get install -y nats-server` (Debian/Ubuntu) or put it on PATH',
    );
  }
  return bin;
}

/**
 * A plain `go install .../cmd/ferretdb@v1.24.2` builds a binary that panics at
 * start-up (its build/version/version.txt is generated by the project's own
 * tooling and missing from the module), so every candidate is tried once.
 */
function ferretdbWorks(bin) {
  try {
    execFileSync(bin, ['--version'], { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

function goBinDir(go) {
  try {
    const gopath = execFileSync(go, ['env', 'GOPATH'], { encoding: 'utf8' })
      .trim()
      .split(path.delimiter)[0];
    return gopath ? path.join(gopath, 'bin') : null;
  } catch {
    return null;
  }
}

async function locateFerretdb() {
  if (process.env.FERRETDB_BIN) {
    const bin = process.env.FERRETDB_BIN;
    if (!isExecutable(bin) || !ferretdbWorks(bin)) {
      throw new InfraError(
        `FERRETDB_BIN=${bin} is not a working ferretdb binary (\`${bin} --version\` fails)`,
      );
    }
    return bin;
  }
  const go = findOnPath('go', ['/usr/local/go/bin']);
  const gobin = go ? goBinDir(go) : null;
  const candidates = [
    findOnPath('ferretdb'),
    path.join(DATA, 'bin', 'ferretdb'),
    gobin && path.join(gobin, 'ferretdb'),
  ];
  for (const bin of candidates) {
    if (!bin || !isExecutable(bin)) continue;
    if (ferretdbWorks(bin)) return bin;
    say(
      `ignoring ${bin}: it fails to start (a plain \`go install\` build lacks its version file)`,
    );
  }
  if (!go) {
    throw new InfraError(
      `ferretdb not found and Go is missing: install Go (1.24+), then rerun to build FerretDB ${FERRETDB_VERSION}, or set FERRETDB_BIN`,
    );
  }
  return buildFerretdb(go);
}

/** Runs a command with its output in a log file; rejects with the log's tail. */
function runLogged(cmd, args, { cwd, log }) {
  return new Promise((resolve, reject) => {
    const out = fs.openSync(log, 'a');
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', out, out] });
    fs.closeSync(out);
    state.builder = child; // stopped by cleanup() if the run is interrupted
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      state.builder = null;
      if (code === 0) return resolve();
      reject(
        new InfraError(
          `\`${cmd} ${args.join(' ')}\` failed (${signal ?? `exit ${code}`}):\n${logTail(log)}`,
        ),
      );
    });
  });
}

/**
 * Builds FerretDB into .data/bin/. Not with `go install pkg@version` (that
 * binary panics, see ferretdbWorks): the module's source is copied out of the
 * module cache, given the version file the project's tooling would generate,
 * and built with `go build`.
 */
async function buildFerretdb(go) {
  const binDir = path.join(DATA, 'bin');
  const work = path.join(DATA, 'build', `ferretdb-${process.pid}`);
  const log = path.join(binDir, 'ferretdb-build.log');
  const target = path.join(binDir, 'ferretdb');
  fs.mkdirSync(binDir, { recursive: true });
  removeStaleBuilds();
  fs.writeFileSync(log, '');
  say(
    `ferretdb: building FerretDB ${FERRETDB_VERSION} with Go into .data/bin/ (takes a few minutes the first time)`,
  );
  const started = Date.now();
  try {
    const moduleJson = execFileSync(
      go,
      ['mod', 'download', '-json', `${FERRETDB_MODULE}@${FERRETDB_VERSION}`],
      {
        encoding: 'utf8',
        cwd: os.tmpdir(), // outside any Go module, so that the download is not tied to one
      },
    );
    const source = JSON.parse(moduleJson).Dir;
    fs.cpSync(source, work, { recursive: true });
    makeDirsWritable(work); // the module cache is read-only
    fs.writeFileSync(
      path.join(work, 'build', 'version', 'version.txt'),
      `${FERRETDB_VERSION}\n`,
    );
    // Build next to the target, then rename: an interrupted build leaves no half binary.
    const partial = `${target}.partial-${process.pid}`;
    await runLogged(
      go,
      [
        'build',
        '-trimpath',
        '-buildvcs=false',
        '-o',
        partial,
        './cmd/ferretdb',
      ],
      { cwd: work, log },
    );
    fs.renameSync(partial, target);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  say(`ferretdb: built in ${Math.round((Date.now() - started) / 1000)} s`);
  return target;
}

/** Build dirs of builds that were interrupted (their pid is gone). */
function removeStaleBuilds() {
  const buildRoot = path.join(DATA, 'build');
  if (!fs.existsSync(buildRoot)) return;
  for (const entry of fs.readdirSync(buildRoot)) {
    const pid = Number(entry.match(/^ferretdb-(\d+)$/)?.[1]);
    if (pid && !isAlive(pid))
      fs.rmSync(path.join(buildRoot, entry), { recursive: true, force: true });
  }
}

function makeDirsWritable(dir) {
  fs.chmodSync(dir, 0o755);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) makeDirsWritable(path.join(dir, entry.name));
  }
}

// ---------------------------------------------------------------------------
// Server processes

/**
 * What this run started. `stopping` turns true once cleanup begins, so that a
 * start-up still in flight does not add a server nobody will stop.
 */
const state = {
  dataDir: null,
  temporary: false,
  servers: [],
  stopping: false,
  signal: null,
  child: null,
  builder: null,
};

/** Records the servers' pids, so that a later run can stop them if this process is killed with SIGKILL. */
function writeServerList() {
  const list = {
    owner: process.pid,
    pids: state.servers.map((s) => s.proc.pid),
  };
  fs.writeFileSync(
    path.join(state.dataDir, 'servers.json'),
    JSON.stringify(list),
  );
}

function startServer(name, bin, args) {
  if (state.stopping) throw new InfraError('interrupted');
  const log = path.join(state.dataDir, `${name}.log`);
  const out = fs.openSync(log, 'w');
  // detached: a process group of its own, so a Ctrl-C in the terminal reaches
  // only the command; the servers stay up until the command has finished.
  const proc = spawn(bin, args, {
    cwd: state.dataDir,
    stdio: ['ignore', out, out],
    detached: true,
  });
  fs.closeSync(out);
  const server = {
    name,
    proc,
    log,
    ready: false,
    exited: false,
    expectedExit: false,
  };
  server.exitPromise = new Promise((resolve) => {
    proc.once('exit', (code, signal) => {
      server.exited = true;
      // During start-up waitReady() reports it; afterwards the command is about to fail, say why.
      if (server.ready && !server.expectedExit && !state.stopping) {
        say(
          `${name} exited unexpectedly (${signal ?? `exit ${code}`}):\n${logTail(log)}`,
        );
      }
      resolve();
    });
  });
  proc.once('error', (err) => {
    server.exited = true;
    server.spawnError = err;
  });
  state.servers.push(server);
  writeServerList();
  return server;
}

async function waitReady(server, target, isReady) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server.exited) {
      throw new InfraError(
        `${server.name} stopped during start-up:\n${logTail(server.log)}`,
      );
    }
    if (state.stopping) throw new InfraError('interrupted');
    if (await probe(target, 1_000, isReady)) {
      server.ready = true;
      return;
    }
    await sleep(POLL_MS);
  }
  throw new InfraError(
    `${server.name} did not accept connections on ${target.host}:${target.port} within ${READY_TIMEOUT_MS / 1000} s:\n${logTail(server.log)}`,
  );
}

function signalGroup(server, signal) {
  try {
    process.kill(-server.proc.pid, signal); // the whole group (see startServer)
  } catch {
    try {
      server.proc.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

/** SIGTERM, up to 5 s to finish, then SIGKILL. */
async function stopServer(server) {
  if (server.exited || !server.proc.pid) return;
  server.expectedExit = true;
  signalGroup(server, 'SIGTERM');
  const exited = await Promise.race([
    server.exitPromise.then(() => true),
    sleep(STOP_GRACE_MS).then(() => false),
  ]);
  if (!exited) {
    say(
      `${server.name} did not stop within ${STOP_GRACE_MS / 1000} s; killing it`,
    );
    signalGroup(server, 'SIGKILL');
    await server.exitPromise;
  }
}

let cleanupPromise = null;

/** Stops what this run started and removes its temporary data; safe to call more than once. */
function cleanup() {
  cleanupPromise ??= (async () => {
    state.stopping = true;
    state.builder?.kill('SIGTERM');
    await Promise.all(state.servers.map(stopServer));
    if (!state.dataDir) return;
    if (state.temporary)
      fs.rmSync(state.dataDir, { recursive: true, force: true });
    else fs.rmSync(path.join(state.dataDir, 'servers.json'), { force: true });
  })();
  return cleanupPromise;
}

/**
 * Servers left behind by a run that was killed outright (SIGKILL gives no
 * chance to clean up): stop them and drop their temporary data dirs.
 */
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

function readServerList(dir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'servers.json'), 'utf8'));
  } catch {
    return null;
  }
}

/** Kills pid only if its command line still names dir: the pid may since belong to another program. */
function killIfServerOf(pid, dir) {
  let cmdline;
  try {
    cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return; // gone, or no /proc to check it against
  }
  if (!cmdline.includes(dir)) return;
  say(`stopping a server left behind by an earlier run (pid ${pid})`);
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
}

// ---------------------------------------------------------------------------
// The two servers

async function provideNats(dev) {
  const external = await externalServer('NATS_URL', 4222, natsGreeted);
  if (external) {
    say(`nats: ${redact(external)} (external)`);
    return external;
  }
  const bin = locateNats();
  const port = await pickPort(dev ? 4222 : null);
  const storeDir = path.join(state.dataDir, 'nats');
  fs.mkdirSync(storeDir, { recursive: true });
  const server = startServer('nats-server', bin, [
    '-a',
    '127.0.0.1',
    '-p',
    String(port),
    '-js',
    '-sd',
    storeDir,
  ]);
  await waitReady(server, { host: '127.0.0.1', port }, natsGreeted);
  const url = `nats://127.0.0.1:${port}`;
  say(`nats: ${url} (started)`);
  return url;
}

async function provideMongo(dev) {
  const external = await externalServer('MONGODB_URI', 27017, null);
  if (external) {
    say(`mongodb: ${redact(external)} (external)`);
    return external;
  }
  const bin = await locateFerretdb();
  const port = await pickPort(dev ? 27017 : null);
  const sqliteDir = path.join(state.dataDir, 'ferretdb');
  const stateDir = path.join(state.dataDir, 'ferretdb-state');
  fs.mkdirSync(sqliteDir, { recursive: true });
  fs.mkdirSync(stateDir, { recursive: true });
  const server = startServer('ferretdb', bin, [
    `--listen-addr=127.0.0.1:${port}`,
    '--handler=sqlite',
    `--sqlite-url=file:${sqliteDir}/`, // a directory: the trailing slash matters
    `--state-dir=${stateDir}`,
    '--debug-addr=-', // no metrics/pprof listener (its fixed default port would collide between runs)
    '--telemetry=disable',
    '--log-level=warn',
  ]);
  await waitReady(server, { host: '127.0.0.1', port }, null);
  // One connection per client: FerretDB 1.x loses concurrent updates to one
  // document when they arrive over several connections (the compatibility
  // test shows it), while one connection applies them in order.
  const uri = `mongodb://127.0.0.1:${port}/?maxPoolSize=1`;
  say(`mongodb: ${uri} (started)`);
  return uri;
}

// ---------------------------------------------------------------------------
// The command

function signalExitCode(signal) {
  return 128 + (os.constants.signals[signal] ?? 1);
}

/** Runs the command; resolves with the exit code to pass on. */
function runCommand(command, env) {
  return new Promise((resolve) => {
    const [cmd, ...args] = command;
    const child = spawn(cmd, args, { stdio: 'inherit', env });
    state.child = child;
    child.once('error', (err) => {
      say(`cannot run ${cmd}: ${err.message}`);
      resolve(err.code === 'ENOENT' ? 127 : 126);
    });
    child.once('exit', (code, signal) =>
      resolve(signal ? signalExitCode(signal) : code),
    );
  });
}

/**
 * While the command runs, a signal is passed on and the command decides when
 * to end (cleanup follows its exit). Before or after, there is nothing to wait
 * for: stop what was started and leave.
 */
function onSignal(signal) {
  const child = state.child;
  if (child && child.exitCode === null && child.signalCode === null) {
    child.kill(signal);
    return;
  }
  if (state.stopping) return; // already cleaning up
  state.signal = signal;
  cleanup().finally(() => process.exit(signalExitCode(signal)));
}

async function run({ dev, command }) {
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);

  sweepStaleRuns();
  const dataDir = dev
    ? path.join(DATA, 'dev')
    : path.join(DATA, `tmp-${process.pid}`);
  if (dev) refuseSharedDevDir(dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  state.dataDir = dataDir;
  state.temporary = !dev;

  let env;
  try {
    const natsUrl = await provideNats(dev);
    const mongoUri = await provideMongo(dev);
    env = { ...process.env, NATS_URL: natsUrl, MONGODB_URI: mongoUri };
  } catch (err) {
    await cleanup();
    if (!state.signal) say(err instanceof InfraError ? err.message : err.stack);
    return state.signal ? signalExitCode(state.signal) : 1;
  }
  if (state.stopping) return signalExitCode(state.signal); // a signal arrived as the last server came up

  const code = await runCommand(command, env);
  await cleanup();
  return code;
}

/** Two servers on one store would corrupt it: one --dev run at a time. */
function refuseSharedDevDir(dir) {
  const owner = readServerList(dir)?.owner;
  if (owner && owner !== process.pid && isAlive(owner)) {
    throw new InfraError(
      `another \`infra.mjs run --dev\` (pid ${owner}) is using ${path.relative(REPO, dir)}/; stop it first`,
    );
  }
}

async function ensure() {
  say(`nats-server: ${locateNats()}`);
  say(`ferretdb: ${await locateFerretdb()}`);
  return 0;
}

function parseArgs(argv) {
  const [sub, ...rest] = argv;
  const dashes = rest.indexOf('--');
  const options = dashes === -1 ? rest : rest.slice(0, dashes);
  const command = dashes === -1 ? [] : rest.slice(dashes + 1);
  const unknown = options.filter((o) => o !== '--dev');
  if (sub === 'ensure' && rest.length === 0) return { sub };
  if (sub === 'run' && unknown.length === 0 && command.length > 0) {
    return { sub, dev: options.includes('--dev'), command };
  }
  return null;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!args) {
    say(USAGE);
    return 2;
  }
  try {
    return args.sub === 'ensure' ? await ensure() : await run(args);
  } catch (err) {
    if (!(err instanceof InfraError)) throw err;
    say(err.message);
    return 1;
  }
}

process.exit(await main());
