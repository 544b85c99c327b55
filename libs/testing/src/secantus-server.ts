import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './nats-server';
import { ServerProcess } from './server-process';

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
export class SecantusServerProcess extends ServerProcess {
  readonly uri: string;

  private constructor(port: number) {
    super(port, 'secantusd-rs', 20_000);
    this.uri = `mongodb://127.0.0.1:${port}/`;
  }

  static async start(): Promise<SecantusServerProcess> {
    const server = new SecantusServerProcess(await freePort());
    await server.start();
    return server;
  }

  protected command() {
    const args = ['--host', '127.0.0.1', '--port', String(this.port), '--storage-path', this.storeDir, '--log-level', 'WARNING', '--cache-size', '256M'];
    return { binary: secantusBinary(), args: [...args, '--sync-on-commit'] };
  }
}
