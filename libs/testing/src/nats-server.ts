import { existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ServerProcess } from './server-process';

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
export class NatsServerProcess extends ServerProcess {
  readonly url: string;
  protected override greets = true; // nats-server greets every client with an INFO line once it listens

  private constructor(
    port: number,
    private readonly extraArgs: string[],
  ) {
    super(port, 'nats-server', 10_000);
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

  protected command() {
    return { binary: natsServerBinary(), args: ['-a', '127.0.0.1', '-p', String(this.port), '-js', '-sd', this.storeDir, ...this.extraArgs] };
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
