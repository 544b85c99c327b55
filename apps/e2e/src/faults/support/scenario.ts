import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isValidSiren } from '@grappes/contracts';
import { MongoClient } from 'mongodb';
import { NatsConnection, connect } from 'nats';
import { FaultPlatform, FaultPlatformOptions } from './fault-platform';

/** What a scenario measured; `passed` comes from jest itself (see results-reporter.cjs). */
export interface Figures {
  /** Requests or events the scenario sent that should have an effect. */
  sent: number;
  /** Distinct effects found afterwards. */
  effects: number;
  /** Expected effects that are missing. */
  lost: number;
  /** Effects found more than once (extra copies). */
  duplicates: number;
  /** Seconds from the end of the fault until the platform had caught up (see each scenario). */
  recoverySeconds: number;
  /** Anything else worth reading beside the figures. */
  notes?: Record<string, unknown>;
}

export const FIGURES_DIR = join(__dirname, '..', '..', '..', '..', '..', 'reliability', '.figures');

/** Keeps a scenario's figures for the results reporter, under the test's full name. */
export function record(figures: Figures): void {
  const name = expect.getState().currentTestName ?? 'unknown';
  mkdirSync(FIGURES_DIR, { recursive: true });
  const file = join(FIGURES_DIR, `${createHash('sha1').update(name).digest('hex')}.json`);
  writeFileSync(file, JSON.stringify({ name, ...figures }, null, 2));
}

/** The n-th of a series of SIRENs: a prefix and the check digit that makes them valid. */
export function siren(n: number, series = 6): string {
  const prefix = `${series}${String(n).padStart(7, '0')}`;
  return [...'0123456789'].map((digit) => prefix + digit).filter(isValidSiren)[0];
}

export const company = (name: string, n: number, series = 6) => ({
  name, siren: siren(n, series), category: 'components-and-microtechnics', capabilities: ['movements'], region: 'Bourgogne-Franche-Comté',
});

/** Runs `task` over `items`, `width` at a time. */
export async function inParallel<T, R>(items: T[], width: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  return results;
}

/** Counts keys: how many distinct, and how many extra copies. */
export function tally(keys: string[], expected: string[]): { effects: number; lost: number; duplicates: number } {
  const seen = new Map<string, number>();
  keys.forEach((key) => seen.set(key, (seen.get(key) ?? 0) + 1));
  const duplicates = [...seen.values()].reduce((extra, count) => extra + count - 1, 0);
  const lost = expected.filter((key) => !seen.has(key)).length;
  return { effects: seen.size, lost, duplicates };
}

export const seconds = (ms: number) => Math.round(ms / 100) / 10;

/** One scenario file's platform, with a database client and a NATS connection of the test's own. */
export interface Scenario {
  platform: FaultPlatform;
  mongo: MongoClient;
  nats: NatsConnection;
}

/** Starts the platform before the file's tests and stops it, with both clients, after them. */
export function useScenario(options?: FaultPlatformOptions): Scenario {
  const scenario = { platform: new FaultPlatform(options) } as Scenario;
  beforeAll(async () => {
    await scenario.platform.start();
    scenario.mongo = await scenario.platform.mongo();
    scenario.nats = await connect({ servers: scenario.platform.natsUrl.split(','), maxReconnectAttempts: -1 });
  });
  afterAll(async () => {
    await scenario.nats?.close();
    await scenario.mongo?.close();
    await scenario.platform.stop();
  });
  return scenario;
}
