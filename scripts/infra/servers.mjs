// Server processes of scripts/infra.mjs: start one with its log in the run's
// data dir, wait until it serves, stop it (TERM, then KILL), and stop servers
// that a run killed outright left behind.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { InfraError } from './binaries.mjs';
import { probe } from './net.mjs';
import { say } from './say.mjs';

const READY_TIMEOUT_MS = 60_000;
const POLL_MS = 100;
const STOP_GRACE_MS = 10_000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The last lines of a server's log, for error messages. */
function logTail(file, lines = 15) {
  try {
    const text = fs.readFileSync(file, 'utf8').trimEnd();
    return text ? text.split('\n').slice(-lines).join('\n') : '(log is empty)';
  } catch {
    return '(no log)';
  }
}

export function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

/** The servers of one run, in one data dir. `stopping` turns true once cleanup begins. */
export class ServerGroup {
  servers = [];
  stopping = false;

  constructor(dataDir) {
    this.dataDir = dataDir;
  }

  /** Starts `bin` and resolves once `target` answers (`isReady` on what it sends, or a plain connect). */
  async start(name, bin, args, target, isReady = null) {
    if (this.stopping) throw new InfraError('interrupted');
    const log = path.join(this.dataDir, `${name}.log`);
    const out = fs.openSync(log, 'w');
    // detached: a process group of its own, so that a Ctrl-C in the terminal reaches
    // only the command; the servers stay up until the command has finished.
    const proc = spawn(bin, args, { cwd: this.dataDir, stdio: ['ignore', out, out], detached: true });
    fs.closeSync(out);
    const server = { name, proc, log, ready: false, exited: false };
    server.exitPromise = new Promise((resolve) => {
      proc.once('exit', (code, signal) => {
        server.exited = true;
        if (server.ready && !this.stopping) say(`${name} exited unexpectedly (${signal ?? `exit ${code}`}):\n${logTail(log)}`);
        resolve();
      });
    });
    proc.once('error', () => (server.exited = true));
    this.servers.push(server);
    this.writeList();
    await this.waitReady(server, target, isReady);
  }

  async waitReady(server, target, isReady) {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (server.exited) throw new InfraError(`${server.name} stopped during start-up:\n${logTail(server.log)}`);
      if (this.stopping) throw new InfraError('interrupted');
      if (await probe(target, 1_000, isReady)) {
        server.ready = true;
        return;
      }
      await sleep(POLL_MS);
    }
    throw new InfraError(`${server.name} did not serve on ${target.host}:${target.port} within ${READY_TIMEOUT_MS / 1000} s:\n${logTail(server.log)}`);
  }

  /** Stops every server (in reverse order of start), then removes the pid list. */
  async stopAll() {
    this.stopping = true;
    for (const server of [...this.servers].reverse()) await stop(server);
    fs.rmSync(path.join(this.dataDir, 'servers.json'), { force: true });
  }

  /** The servers' pids, so that a later run can stop them if this process is killed with SIGKILL. */
  writeList() {
    const list = { owner: process.pid, pids: this.servers.map((s) => s.proc.pid) };
    fs.writeFileSync(path.join(this.dataDir, 'servers.json'), JSON.stringify(list));
  }
}

function signalGroup(server, signal) {
  try {
    process.kill(-server.proc.pid, signal); // the whole group (see start)
  } catch {
    server.proc.kill(signal);
  }
}

/** SIGTERM, a grace period to finish (a database flushes its store), then SIGKILL. */
async function stop(server) {
  if (server.exited || !server.proc.pid) return;
  signalGroup(server, 'SIGTERM');
  const exited = await Promise.race([server.exitPromise.then(() => true), sleep(STOP_GRACE_MS).then(() => false)]);
  if (exited) return;
  say(`${server.name} did not stop within ${STOP_GRACE_MS / 1000} s; killing it`);
  signalGroup(server, 'SIGKILL');
  await server.exitPromise;
}

export function readServerList(dir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'servers.json'), 'utf8'));
  } catch {
    return null;
  }
}

/** Kills pid only if its command line still names dir: the pid may since belong to another program. */
export function killIfServerOf(pid, dir) {
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
