/**
 * What integration tests share: the real servers `npm test` started, names
 * no other test uses, and waiting for effects that travel by event.
 */
import { randomBytes } from 'node:crypto';

export { testDatabaseOptions } from './database';

/**
 * The URL of a server the tests need. Missing, the test file fails at once:
 * `npm test` starts NATS and a MongoDB-wire server and sets these variables.
 */
export function requireServer(variable: 'NATS_URL' | 'MONGODB_URI'): string {
  const value = process.env[variable];
  if (!value) {
    throw new Error(
      `${variable} is not set. Integration tests talk to real servers: run them through \`npm test\` ` +
        '(it starts NATS and SecantusDB via `node scripts/infra.mjs run -- ...`).',
    );
  }
  return value;
}

/** A name no other test or run uses: valid as a NATS stream, durable, subject token and database name. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls until `probe` returns something truthy (exceptions count as "not yet"), and returns it. */
export async function waitFor<T>(probe: () => T | Promise<T>, what: string, timeoutMs = 10_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${cause}`);
    }
    await sleep(20);
  }
}
export { NatsClusterProcess, NatsServerProcess, freePort, natsServerBinary } from './nats-server';
export { SecantusServerProcess, secantusBinary } from './secantus-server';
export { SmtpReceiver } from './smtp-receiver';
export { ReceivedRequest, WebhookReceiver } from './webhook-receiver';
