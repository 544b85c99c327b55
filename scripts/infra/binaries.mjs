// Locates the two servers the platform needs on this machine, building each
// once per version into a per-user cache outside the clone when it is missing:
//   nats-server   from the Go module proxy (`go install`), unless one of 2.10+ is on PATH;
//   SecantusDB    the Rust server (`cargo install`), or where cargo is missing the
//                 Python server (a wheel in a virtual environment).
// The cache is GRAPPES_CACHE_DIR, else $XDG_CACHE_HOME/grappes, else ~/.cache/grappes.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { say } from './say.mjs';

const NATS_VERSION = 'v2.14.10';
const SECANTUS_RS_VERSION = '0.5.3-beta.196';
const SECANTUS_PY_VERSION = '0.7.0b3';
/** The oldest nats-server taken from PATH: 2.10 accepts what the code sends (consumer create/update, several filters). */
const MIN_NATS = [2, 10];

export const CACHE =
  process.env.GRAPPES_CACHE_DIR ??
  path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'grappes');

export class InfraError extends Error {}

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Like `which`, plus directories that are often missing from a user's PATH. */
function findOnPath(name, extraDirs = []) {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  for (const dir of [...dirs, ...extraDirs]) {
    const file = path.join(dir, name);
    if (isExecutable(file)) return file;
  }
  return null;
}

function versionOf(bin) {
  try {
    return execFileSync(bin, ['--version'], { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch {
    return '';
  }
}

/** The child of a build in progress, stopped when the run is interrupted. */
export const builds = { child: null };

/** Runs a build command with its output in a log file; rejects with the log's tail. */
function runLogged(cmd, args, { log, env }) {
  return new Promise((resolve, reject) => {
    const out = fs.openSync(log, 'a');
    const child = spawn(cmd, args, { cwd: os.tmpdir(), stdio: ['ignore', out, out], env: { ...process.env, ...env } });
    fs.closeSync(out);
    builds.child = child;
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      builds.child = null;
      if (code === 0) return resolve();
      const tail = fs.readFileSync(log, 'utf8').trimEnd().split('\n').slice(-15).join('\n');
      reject(new InfraError(`\`${cmd} ${args.join(' ')}\` failed (${signal ?? `exit ${code}`}):\n${tail}`));
    });
  });
}

/**
 * Builds into `dir` once: a `.complete` marker is written last, so that an
 * interrupted build is started afresh, and a lock keeps two runs on one machine
 * (a CI run beside `npm start`) from building into the same folder at once.
 */
async function buildOnce(dir, what, minutes, build) {
  const marker = path.join(dir, '.complete');
  const lock = `${dir}.lock`;
  fs.mkdirSync(CACHE, { recursive: true });
  for (;;) {
    if (fs.existsSync(marker)) return;
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      if (lockOrphaned(lock)) fs.rmSync(lock, { recursive: true, force: true });
      else await new Promise((r) => setTimeout(r, 2_000));
    }
  }
  try {
    fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
    if (fs.existsSync(marker)) return;
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const log = path.join(dir, 'build.log');
    say(`building ${what} into ${dir} (about ${minutes} on 2 cores, once per version; log in build.log there)`);
    const started = Date.now();
    await build(log);
    fs.writeFileSync(marker, new Date().toISOString());
    say(`${what}: built in ${Math.round((Date.now() - started) / 1000)} s`);
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** The owner's pid, once it has written it; a lock with none for a minute was left by a crash. */
function lockOrphaned(lock) {
  try {
    const owner = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8') || 0);
    return owner ? !isAlive(owner) : Date.now() - fs.statSync(lock).mtimeMs > 60_000;
  } catch {
    // No pid file yet (just taken), or the lock is gone already: look again shortly.
    return fs.existsSync(lock) && Date.now() - fs.statSync(lock).mtimeMs > 60_000;
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

/** nats-server 2.10 or newer: from PATH, else from the cache, else built with Go. */
export async function locateNats() {
  const onPath = findOnPath('nats-server', ['/usr/sbin', '/usr/local/sbin']);
  const version = onPath && versionOf(onPath).match(/v?(\d+)\.(\d+)/);
  if (version && (Number(version[1]) > MIN_NATS[0] || (Number(version[1]) === MIN_NATS[0] && Number(version[2]) >= MIN_NATS[1]))) {
    return onPath;
  }
  const dir = path.join(CACHE, `nats-server-${NATS_VERSION}`);
  const go = findOnPath('go', ['/usr/local/go/bin']);
  if (!fs.existsSync(path.join(dir, '.complete')) && !go) {
    throw new InfraError(`nats-server ${MIN_NATS.join('.')}+ not found and Go is missing: install Go, or put nats-server on PATH, or set NATS_URL`);
  }
  await buildOnce(dir, `nats-server ${NATS_VERSION} with Go`, '2 minutes', (log) =>
    runLogged(go, ['install', `github.com/nats-io/nats-server/v2@${NATS_VERSION}`], { log, env: { GOBIN: path.join(dir, 'bin') } }),
  );
  return path.join(dir, 'bin', 'nats-server');
}

/**
 * The MongoDB-wire server: SECANTUSDB_BIN when set (secantusd-rs or
 * secantusd-py), else secantusd-rs from PATH or the cache, else built with
 * cargo, else the Python server installed from its wheel.
 */
export async function locateSecantus() {
  const chosen = process.env.SECANTUSDB_BIN;
  if (chosen) {
    if (!isExecutable(chosen)) throw new InfraError(`SECANTUSDB_BIN=${chosen} is not an executable file`);
    return chosen;
  }
  const onPath = findOnPath('secantusd-rs');
  if (onPath) return onPath;
  const rustDir = path.join(CACHE, `secantusdb-${SECANTUS_RS_VERSION}`);
  const cargo = findOnPath('cargo', [path.join(os.homedir(), '.cargo', 'bin')]);
  if (fs.existsSync(path.join(rustDir, '.complete')) || cargo) {
    // The crate asks for a newer rustc than it needs: it builds and runs with 1.95.
    await buildOnce(rustDir, `SecantusDB ${SECANTUS_RS_VERSION} (Rust) with cargo`, '10 minutes', (log) =>
      runLogged(cargo, ['install', 'secantus-mdb', '--version', SECANTUS_RS_VERSION, '--ignore-rust-version', '--root', rustDir], { log }),
    );
    return path.join(rustDir, 'bin', 'secantusd-rs');
  }
  return locatePythonSecantus();
}

async function locatePythonSecantus() {
  const dir = path.join(CACHE, `secantusdb-py-${SECANTUS_PY_VERSION}`);
  const python = findOnPath('python3');
  if (!fs.existsSync(path.join(dir, '.complete')) && !python) {
    throw new InfraError('SecantusDB not found and neither cargo nor python3 (3.10–3.13) is here: install Rust or Python, or set MONGODB_URI');
  }
  await buildOnce(dir, `SecantusDB ${SECANTUS_PY_VERSION} (Python) from its wheel`, 'a minute', async (log) => {
    await runLogged(python, ['-m', 'venv', dir], { log });
    await runLogged(path.join(dir, 'bin', 'pip'), ['install', '--quiet', `SecantusDB==${SECANTUS_PY_VERSION}`], { log });
  });
  return path.join(dir, 'bin', 'secantusd-py');
}
