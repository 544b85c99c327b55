import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './nats-server';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The SecantusDB (Rust) binary that scripts/infra built into the per-user
 * cache (scripts/infra/binaries.mjs), else `secantusd-rs` on PATH.
 */
export function secantusBinary(): string {
  if (process.env['SECANTUSD_BIN']) return process.env['SECANTUSD_BIN'];
  const cache = process.env['GRAPPES_CACHE_DIR'] ?? join(process.env['XDG_CACHE_HOME'] || join(homedir(), '.cache'), 'grappes');
  const built = existsSync(cache) ? readdirSync(cache).filter((d) => /^secantusdb-\d[\w.-]*$/.test(d)).sort().reverse() : [];
  const found = built.map((d) => join(cache, d, 'bin', 'secantusd-rs')).find((file) => existsSync(file));
  return found ?? 'secantusd-rs';
}

/**
 * A SecantusDB server of a test's own (MongoDB wire protocol, single-node
 * replica set) on a loopback port that stays the same across stop and start,
 * its data kept on disk in between: a test can take the database away and back.
 *
 * It runs with `--sync-on-commit`: without it SecantusDB keeps its write-ahead log
 * in memory until a checkpoint (every 60 s), and a kill -9 loses writes it had
 * acknowledged, even with `j: true` (measured: 5 of 5 lost). MongoDB, as
 * production runs it (a replica set, majority writes journaled), keeps them.
 */
export class SecantusServerProcess {
  private child?: ChildProcess;
  readonly uri: string;
  private readonly storeDir = mkdtempSync(join(tmpdir(), 'grappes-secantus-'));

  private constructor(readonly port: number) {
    this.uri = `mongodb://127.0.0.1:${port}/`;
  }

  static async start(): Promise<SecantusServerProcess> {
    const server = new SecantusServerProcess(await freePort());
    await server.start();
    return server;
  }

  async start(): Promise<void> {
    const args = ['--host', '127.0.0.1', '--port', String(this.port), '--storage-path', this.storeDir, '--log-level', 'WARNING', '--cache-size', '256M', '--sync-on-commit'];
    this.child = spawn(secantusBinary(), args, { stdio: 'ignore' });
    for (let waited = 0; !(await this.accepts()); waited += 50) {
      if (this.child.exitCode !== null) throw new Error(`secantusd-rs exited (${this.child.exitCode}) on port ${this.port}`);
      if (waited > 20_000) throw new Error(`secantusd-rs did not start on port ${this.port}`);
      await sleep(50);
    }
  }

  /** Stops the server abruptly, as a crash would (its data stays for the next start). */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return; // already gone (a kill leaves exitCode null)
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async remove(): Promise<void> {
    await this.stop();
    rmSync(this.storeDir, { recursive: true, force: true });
  }

  private accepts(): Promise<boolean> {
    return new Promise((resolve) => {
      const socket = tcpConnect(this.port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
  }
}
