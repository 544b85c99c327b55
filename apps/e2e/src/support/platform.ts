import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { inNamespace, streamNameIn } from '@grappes/messaging';
import { requireServer, testDatabaseOptions } from '@grappes/testing';

const SERVICES = ['members', 'clusters', 'workshops', 'notifications', 'audit'] as const;
export type Service = (typeof SERVICES)[number];
const DIST = join(__dirname, '..', '..', '..', '..', 'dist', 'apps');

/** Five apps start in about 5 s; on a machine shared with other work, several times that. */
export const READY_WITHIN_MS = 90_000;

export const ADMIN = { email: 'admin@e2e.grappes.test', password: 'e2e-admin-password' };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export type App = ChildProcess & { app: string; output: () => string };

/** Runs a built app as its own process, as operators do. */
export function runApp(app: string, env: Record<string, string>): App {
  const child = spawn(process.execPath, [join(DIST, app, 'main.js')], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  return Object.assign(child, { app, output: () => output });
}

export function exited(child: ChildProcess): Promise<number | null> {
  // An app that ended on its signal has no exit code, only a signalCode; either means it is gone.
  const gone = child.exitCode !== null || child.signalCode !== null;
  return gone ? Promise.resolve(child.exitCode) : new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

export interface PlatformOptions {
  /** How many processes run each service, all on one database and one NATS; one unless told. */
  instances?: Partial<Record<Service, number>>;
  /** Added to every app's environment (e.g. a rate limit that lets a burst of requests through). */
  env?: Record<string, string>;
  /** How many gateway processes, each on its own port (`gatewayUrls`), sharing one JWT_SECRET; one unless told. */
  gateways?: number;
}

/** The whole platform on fresh databases: four services and the gateway in front. */
export class Platform {
  readonly runId = randomUUID().slice(0, 8);
  /** Its own streams, event subjects and buckets on the shared nats-server (NATS_NAMESPACE). */
  readonly namespace = `e2e_${this.runId}`;
  private readonly apps: App[] = [];
  private readonly processes: Partial<Record<Service, ChildProcess[]>> = {};
  baseUrl = '';
  /** The API base URL of every gateway, in start order; the first is `baseUrl`. */
  readonly gatewayUrls: string[] = [];
  /** Each app's HTTP port (the API on the gateway, health and metrics on the services): its first instance's. */
  readonly ports: Record<string, number> = {};
  /** The HTTP port of every instance of each service, in start order. */
  readonly instancePorts: Record<string, number[]> = {};
  /** The gateway's internal metrics port. */
  metricsPort = 0;

  /** The options may be worked out just before the start (a receiver started by the file first). */
  constructor(private readonly optionsOf: PlatformOptions | (() => PlatformOptions) = {}) {}

  private get options(): PlatformOptions {
    return typeof this.optionsOf === 'function' ? this.optionsOf() : this.optionsOf;
  }

  /** A stream's name in this platform's namespace, e.g. `EVENTS_CLUSTERS`. */
  stream(name: string): string {
    return streamNameIn(name, this.namespace);
  }

  /** An event subject in this platform's namespace, e.g. `events.clusters.company-joined-cluster`. */
  subject(subject: string): string {
    return inNamespace(subject, this.namespace);
  }

  /** Every app process started so far (extra instances included), with what it printed. */
  get launched(): readonly App[] {
    return this.apps;
  }

  /** An app the test started beside the platform: stopped with it, and its logs checked with the others'. */
  adopt(app: App): App {
    this.apps.push(app);
    return app;
  }

  /**
   * Starts every app on ports just found free. Another process may take one
   * before the app binds it (tests run beside other work): an app that finds
   * its port taken makes the whole start run again, on new ports.
   */
  async start(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.launch();
      } catch (error) {
        if (!/EADDRINUSE/.test(String(error)) || attempt >= 3) throw error;
        this.apps.forEach((app) => app.kill('SIGKILL'));
        await Promise.all(this.apps.map(exited));
        this.apps.length = 0;
        this.gatewayUrls.length = 0;
        for (const key of Object.keys(this.processes)) delete this.processes[key as Service];
      }
    }
  }

  private async launch(): Promise<void> {
    const natsUrl = requireServer('NATS_URL');
    const mongodbUri = requireServer('MONGODB_URI');
    const common = {
      NODE_ENV: 'test', NATS_URL: natsUrl, NATS_NAMESPACE: this.namespace, MONGODB_URI: mongodbUri, HOST: '127.0.0.1', LOG_LEVEL: 'warn',
      ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, PASSWORD_HASH_COST_LOG2: '10', OUTBOX_SWEEP_MS: '500',
      ...this.options.env,
    };
    for (const service of SERVICES) {
      const ports: number[] = [];
      for (let instance = 0; instance < (this.options.instances?.[service] ?? 1); instance++) {
        ports.push(await freePort());
        const app = runApp(service, { ...common, PORT: String(ports[instance]), MONGODB_DB: this.database(service) });
        this.apps.push(app);
        (this.processes[service] ??= []).push(app);
      }
      this.instancePorts[service] = ports;
      this.ports[service] = ports[0];
    }
    // Tokens signed by one gateway are read by the others only with one secret.
    const gatewayEnv = (this.options.gateways ?? 1) > 1 ? { JWT_SECRET: randomUUID() + randomUUID(), ...common } : common;
    for (let instance = 0; instance < (this.options.gateways ?? 1); instance++) {
      const [port, metricsPort] = [await freePort(), await freePort()];
      this.apps.push(runApp('gateway', { ...gatewayEnv, PORT: String(port), METRICS_PORT: String(metricsPort) }));
      this.gatewayUrls.push(`http://127.0.0.1:${port}/api/v1`);
      if (instance === 0) [this.ports['gateway'], this.metricsPort] = [port, metricsPort];
    }
    this.baseUrl = this.gatewayUrls[0];
    await this.untilReady();
  }

  /** Stops every instance of a service for good: the gateway then finds nobody to ask. */
  async stopService(service: Service): Promise<void> {
    const instances = this.processes[service] ?? [];
    instances.forEach((app) => app.kill('SIGTERM'));
    await Promise.all(instances.map(exited));
  }

  /** Freezes (or thaws) every instance of a service: connected, but answering nothing. */
  freezeService(service: Service, frozen = true): void {
    (this.processes[service] ?? []).forEach((app) => app.kill(frozen ? 'SIGSTOP' : 'SIGCONT'));
  }

  /** The name of a service's database, for a test that must reach behind the API. */
  databaseOf(service: Service): string {
    return this.database(service);
  }

  async stop(): Promise<void> {
    // A frozen process would hold SIGTERM until thawed.
    this.apps.forEach((app) => app.exitCode === null && app.signalCode === null && app.kill('SIGCONT'));
    this.apps.forEach((app) => app.kill('SIGTERM'));
    await Promise.all(this.apps.map(exited));
    const client = await MongoClient.connect(requireServer('MONGODB_URI'), testDatabaseOptions);
    await Promise.all(SERVICES.map((s) => client.db(this.database(s)).dropDatabase()));
    await client.close();
  }

  private database(service: string): string {
    return `e2e-${this.runId}-${service}`;
  }

  private async untilReady(): Promise<void> {
    const deadline = Date.now() + READY_WITHIN_MS;
    while (Date.now() < deadline) {
      const dead = this.apps.find((app) => app.exitCode !== null);
      if (dead) throw new Error(`An app exited during start-up:\n${dead.output()}`);
      if (await this.allReady()) return;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`The platform did not become ready:\n${this.apps.map((a) => a.output()).join('\n')}`);
  }

  /** The gateway sees one instance of each service; every other instance must answer too. */
  private async allReady(): Promise<boolean> {
    const ready = (url: string) => fetch(url).then((r) => r.ok, () => false);
    const instances = Object.values(this.instancePorts).flat().map((port) => ready(`http://127.0.0.1:${port}/health/ready`));
    const answers = await Promise.all([...this.gatewayUrls.map((url) => ready(`${url}/health/ready`)), ...instances]);
    return answers.every(Boolean);
  }
}
