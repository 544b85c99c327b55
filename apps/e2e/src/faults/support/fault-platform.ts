import { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { NatsServerProcess, SecantusServerProcess, freePort, testDatabaseOptions } from '@grappes/testing';
import { ApiClient } from '../../support/client';
import { ADMIN, Service, exited, runApp } from '../../support/platform';

export const SERVICES: Service[] = ['members', 'clusters', 'workshops', 'notifications', 'audit'];
type App = ChildProcess & { output: () => string };

export interface Instance {
  service: Service | 'gateway';
  index: number;
  port: number;
  env: Record<string, string>;
  child: App;
  /** Every process this instance has been, oldest first (restarts add one). */
  history: App[];
}

export interface FaultPlatformOptions {
  instances?: Partial<Record<Service, number>>;
  env?: Record<string, string>;
  /** A NATS of the test's own making (a cluster): its URL list. Otherwise the platform starts one nats-server. */
  natsUrl?: string;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The whole platform as processes, on servers of its own: a nats-server and a
 * SecantusDB that a scenario may stop and start on the same ports, and every
 * instance of every app reachable one by one to be killed and restarted.
 */
export class FaultPlatform {
  readonly runId = randomUUID().slice(0, 8);
  nats?: NatsServerProcess;
  database!: SecantusServerProcess;
  natsUrl = '';
  readonly instances: Instance[] = [];
  baseUrl = '';
  /** Processes the scenario stopped on purpose: their exit is no crash. */
  private readonly stopped = new Set<App>();

  constructor(private readonly options: FaultPlatformOptions = {}) {}

  async start(): Promise<void> {
    const started = Date.now();
    if (this.options.natsUrl) this.natsUrl = this.options.natsUrl;
    else {
      this.nats = await NatsServerProcess.start();
      this.natsUrl = this.nats.url;
    }
    this.database = await SecantusServerProcess.start();
    const common = {
      NODE_ENV: 'test', NATS_URL: this.natsUrl, MONGODB_URI: this.database.uri, HOST: '127.0.0.1', LOG_LEVEL: 'warn',
      ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, PASSWORD_HASH_COST_LOG2: '10', OUTBOX_SWEEP_MS: '500',
      RATE_LIMIT_PER_MINUTE: '1000000', ...this.options.env,
    };
    for (const service of SERVICES) {
      for (let index = 0; index < (this.options.instances?.[service] ?? 1); index++) {
        this.launch(service, index, { ...common, PORT: String(await freePort()), MONGODB_DB: this.databaseName(service) });
      }
    }
    this.launch('gateway', 0, { ...common, PORT: String(await freePort()), METRICS_PORT: String(await freePort()) });
    this.baseUrl = `http://127.0.0.1:${this.instance('gateway').port}/api/v1`;
    await this.untilReady(this.instances, 60_000);
    console.info(`platform ${this.runId} ready in ${Date.now() - started} ms`);
  }

  /** Stops every app (SIGTERM, then SIGKILL after 15 s) and both servers, and removes their data. */
  async stop(): Promise<void> {
    const started = Date.now();
    const running = this.instances.flatMap((i) => i.history).filter((child) => child.exitCode === null && child.signalCode === null);
    running.forEach((child) => (this.stopped.add(child), child.kill('SIGTERM')));
    const killer = setTimeout(() => running.forEach((child) => child.kill('SIGKILL')), 15_000);
    await Promise.all(running.map(exited));
    clearTimeout(killer);
    this.keepLogs();
    await this.nats?.remove();
    await this.database?.remove();
    console.info(`platform ${this.runId} stopped in ${Date.now() - started} ms`);
  }

  databaseName(service: Service): string {
    return `faults-${this.runId}-${service}`;
  }

  instance(service: Service | 'gateway', index = 0): Instance {
    const found = this.instances.find((i) => i.service === service && i.index === index);
    if (!found) throw new Error(`No instance ${index} of ${service}`);
    return found;
  }

  /** Kills an instance with a signal and waits until its process is gone. */
  async kill(service: Service | 'gateway', index = 0, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const { child } = this.instance(service, index);
    if (child.exitCode !== null || child.signalCode !== null) return;
    const gone = exited(child);
    this.stopped.add(child);
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await gone;
    clearTimeout(timer);
  }

  /** Starts an instance again on its port and database, and waits until it is ready. */
  async restart(service: Service | 'gateway', index = 0): Promise<void> {
    const instance = this.instance(service, index);
    if (instance.child.exitCode === null && instance.child.signalCode === null) throw new Error(`${service} ${index} still runs`);
    const child = runApp(service, instance.env);
    instance.child = child;
    instance.history.push(child);
    await this.untilReady([instance], 45_000);
  }

  /** True when each instance answers ready (the gateway: its own readiness, which checks NATS). */
  async ready(instances: Instance[] = this.instances): Promise<boolean> {
    const answers = await Promise.all(instances.map((i) => fetch(this.readyUrl(i), { signal: AbortSignal.timeout(3_000) }).then((r) => r.ok, () => false)));
    return answers.every(Boolean);
  }

  /** Every process that ever ran and exited without being told to: a crash loop shows here. */
  crashed(): App[] {
    return this.instances.flatMap((i) => i.history).filter((child) => child.exitCode !== null && !this.stopped.has(child));
  }

  /** How an instance's last process ended: its exit code, or the signal that ended it (null while it runs). */
  exit(service: Service | 'gateway', index = 0): number | string | null {
    const { child } = this.instance(service, index);
    return child.exitCode ?? child.signalCode;
  }

  async admin(): Promise<ApiClient> {
    return new ApiClient(this.baseUrl).login(ADMIN.email, ADMIN.password);
  }

  /** A client of the platform's database (closed by the caller). */
  mongo(): Promise<MongoClient> {
    return MongoClient.connect(this.database.uri, { ...testDatabaseOptions, serverSelectionTimeoutMS: 5_000 });
  }

  output(service: Service | 'gateway', index = 0): string {
    return this.instance(service, index).history.map((child) => child.output()).join('\n--- restart ---\n');
  }

  /** Every app's output, for reading after a run: reliability/logs/<scenario run>/<app>-<instance>.log (not committed). */
  private keepLogs(): void {
    const dir = join(__dirname, '..', '..', '..', '..', '..', 'reliability', 'logs', this.runId);
    mkdirSync(dir, { recursive: true });
    for (const instance of this.instances) writeFileSync(join(dir, `${instance.service}-${instance.index}.log`), this.output(instance.service, instance.index));
  }

  private launch(service: Service | 'gateway', index: number, env: Record<string, string>): void {
    const child = runApp(service, env);
    this.instances.push({ service, index, port: Number(env['PORT']), env, child, history: [child] });
  }

  private readyUrl(instance: Instance): string {
    return instance.service === 'gateway' ? `${this.baseUrl}/health/ready` : `http://127.0.0.1:${instance.port}/health/ready`;
  }

  private async untilReady(instances: Instance[], timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const dead = instances.find((i) => i.child.exitCode !== null);
      if (dead) throw new Error(`${dead.service} ${dead.index} exited during start-up:\n${dead.child.output()}`);
      if (await this.ready(instances)) return;
      await sleep(250);
    }
    throw new Error(`Not ready within ${timeoutMs} ms:\n${instances.map((i) => `${i.service} ${i.index}:\n${i.child.output()}`).join('\n')}`);
  }
}
