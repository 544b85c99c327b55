import { listDeadLetters } from '@grappes/messaging';
import { requireServer } from '@grappes/testing';
import { NatsConnection, connect } from 'nats';
import { ApiClient } from './client';
import { ADMIN, App, Platform, PlatformOptions } from './platform';

/** An error log a file provokes on purpose: which app logs it, what it says, and why it is expected. */
export interface ExpectedError {
  app: string;
  message: RegExp;
  because: string;
}

export interface UsePlatformOptions extends PlatformOptions {
  /** The only error logs the file may leave; any other fails it, so a new error is seen. */
  expectedErrors?: ExpectedError[];
}

/** What a file's tests use: the platform, and clients made before it starts (they read its URL when they send). */
export interface PlatformInUse {
  platform: Platform;
  anonymous: ApiClient;
  /** Signed in as the bootstrap admin before the file's own `beforeAll` hooks run. */
  admin: ApiClient;
}

/** pino's levels: error and fatal. */
const ERROR_LEVEL = 50;

interface LogLine {
  level: number;
  msg?: string;
  err?: { message?: string };
}

/**
 * Starts the platform in its own stream namespace before the file's tests,
 * signs the admin in, and stops it after them. The file then fails if any
 * consumer dead-lettered an event, or any app logged an error not listed in
 * `expectedErrors`: a defect that shows only as a log line or a dead letter
 * does not pass unseen.
 */
export function usePlatform(options: UsePlatformOptions | (() => UsePlatformOptions) = {}): PlatformInUse {
  const optionsOf = () => (typeof options === 'function' ? options() : options);
  const platform = new Platform(optionsOf);
  let adminToken: string | undefined;
  const inUse: PlatformInUse = {
    platform,
    anonymous: new ApiClient(() => platform.baseUrl),
    admin: new ApiClient(() => platform.baseUrl, () => adminToken),
  };
  beforeAll(async () => {
    await platform.start();
    adminToken = (await inUse.anonymous.login(ADMIN.email, ADMIN.password)).token;
  });
  afterAll(async () => {
    await platform.stop();
    const nats = await connect({ servers: requireServer('NATS_URL').split(',') });
    try {
      const problems = [
        ...(await deadLettersIn(nats, platform.namespace)),
        ...unexpectedErrors(platform.launched, optionsOf().expectedErrors ?? []),
      ];
      await removeStreamsOf(nats, platform.namespace);
      if (problems.length) throw new Error(`The file left what no test expects:\n${problems.join('\n')}`);
    } finally {
      await nats.close();
    }
  });
  return inUse;
}

async function deadLettersIn(nats: NatsConnection, namespace: string): Promise<string[]> {
  const deadLetters = await listDeadLetters(nats, { namespace });
  return deadLetters.map((d) => `dead letter of ${d.service}: ${d.subject} (${d.reason})`);
}

/** Every error line of every app that no expected error accounts for. */
export function unexpectedErrors(apps: readonly App[], expected: ExpectedError[]): string[] {
  return apps.flatMap((app) =>
    errorLines(app.output())
      .filter((line) => !expected.some((e) => e.app === app.app && e.message.test(messageOf(line))))
      .map((line) => `error logged by ${app.app}: ${messageOf(line)}`),
  );
}

function errorLines(output: string): LogLine[] {
  return output.split('\n').flatMap((text) => {
    if (!text.startsWith('{')) return [];
    try {
      const line = JSON.parse(text) as LogLine;
      return line.level >= ERROR_LEVEL ? [line] : [];
    } catch {
      return [];
    }
  });
}

function messageOf(line: LogLine): string {
  return [line.msg, line.err?.message].filter(Boolean).join(': ');
}

/** The namespace's streams and buckets are of no use once its platform is gone. */
async function removeStreamsOf(nats: NatsConnection, namespace: string): Promise<void> {
  const jsm = await nats.jetstreamManager();
  const names: string[] = [];
  for await (const name of jsm.streams.names()) names.push(name);
  const own = names.filter((name) => name.startsWith(`${namespace}_`) || name.startsWith(`KV_${namespace}_`));
  await Promise.all(own.map((name) => jsm.streams.delete(name)));
}
