import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { connect as tcpConnect, createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The nats-server binary that scripts/infra built (scripts/infra/binaries.mjs
 * keeps it in the per-user cache), else the one on PATH. Jest cannot import
 * that .mjs module, so the lookup is repeated here.
 */
export function natsServerBinary(): string {
  if (process.env['NATS_SERVER_BIN']) return process.env['NATS_SERVER_BIN'];
  const cache = process.env['GRAPPES_CACHE_DIR'] ?? join(process.env['XDG_CACHE_HOME'] || join(homedir(), '.cache'), 'grappes');
  const built = existsSync(cache) ? readdirSync(cache).filter((d) => /^nats-server-v[\d.]+$/.test(d)).sort().reverse() : [];
  const found = built.map((d) => join(cache, d, 'bin', 'nats-server')).find((file) => existsSync(file));
  return found ?? 'nats-server';
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * A nats-server of a test's own, with JetStream, on a loopback port that
 * stays the same across stop and start: a test can take NATS away and back.
 */
export class NatsServerProcess {
  private child?: ChildProcess;
  readonly url: string;
  private readonly storeDir = mkdtempSync(join(tmpdir(), 'grappes-nats-'));

  private constructor(
    readonly port: number,
    private readonly extraArgs: string[],
  ) {
    this.url = `nats://127.0.0.1:${port}`;
  }

  /** `extraArgs` go to nats-server as they are, e.g. `['--user', 'u', '--pass', 'p']` to require credentials. */
  static async start(extraArgs: string[] = []): Promise<NatsServerProcess> {
    const server = new NatsServerProcess(await freePort(), extraArgs);
    await server.start();
    return server;
  }

  /** A server on a port chosen by the caller (a cluster's nodes must know each other's ports), not started yet. */
  static onPort(port: number, extraArgs: string[] = []): NatsServerProcess {
    return new NatsServerProcess(port, extraArgs);
  }

  async start(): Promise<void> {
    const args = ['-a', '127.0.0.1', '-p', String(this.port), '-js', '-sd', this.storeDir, ...this.extraArgs];
    this.child = spawn(natsServerBinary(), args, { stdio: 'ignore' });
    for (let waited = 0; !(await this.accepts()); waited += 50) {
      if (waited > 10_000) throw new Error(`nats-server did not start on port ${this.port}`);
      await sleep(50);
    }
  }

  /** Stops the server abruptly, as a crash or a network cut would. */
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

  /** nats-server greets every client with an INFO line once it listens. */
  private accepts(): Promise<boolean> {
    return new Promise((resolve) => {
      const socket = tcpConnect(this.port, '127.0.0.1');
      socket.once('data', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
  }
}

/**
 * A NATS cluster of three (or more) servers with JetStream on loopback, each on
 * its own client and route ports, each stoppable and startable on its ports.
 * `url` lists every server, comma-separated, as the apps' NATS_URL takes it.
 */
export class NatsClusterProcess {
  private constructor(readonly nodes: NatsServerProcess[]) {}

  get url(): string {
    return this.nodes.map((node) => node.url).join(',');
  }

  static async start(size = 3): Promise<NatsClusterProcess> {
    const ports: { client: number; route: number }[] = [];
    for (let i = 0; i < size; i++) ports.push({ client: await freePort(), route: await freePort() });
    const nodes = ports.map(({ client, route }, i) => {
      const routes = ports.filter((_, j) => j !== i).map((other) => `nats://127.0.0.1:${other.route}`).join(',');
      const args = ['-n', `node-${i}`, '--cluster_name', 'grappes', '--cluster', `nats://127.0.0.1:${route}`, '--routes', routes];
      return NatsServerProcess.onPort(client, args);
    });
    const cluster = new NatsClusterProcess(nodes);
    await Promise.all(nodes.map((node) => node.start()));
    return cluster;
  }

  async remove(): Promise<void> {
    await Promise.all(this.nodes.map((node) => node.remove()));
  }
}
