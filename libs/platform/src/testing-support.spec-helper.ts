// Shared by the integration tests of this library (not a suite: jest only runs *.spec.ts).
// A copy of libs/messaging's: a spec here may not import that library's test files.
import { randomBytes } from 'node:crypto';

/**
 * The URL of a server the tests need. Missing, the test file fails at once:
 * `npm test` starts NATS and a MongoDB-wire server and sets these variables.
 */
export function requireServer(variable: 'NATS_URL' | 'MONGODB_URI'): string {
  const value = process.env[variable];
  if (!value) {
    throw new Error(
      `${variable} is not set. Integration tests talk to real servers: run them through \`npm test\` ` +
        '(it starts NATS and MongoDB/FerretDB via `node scripts/infra.mjs run -- ...`).',
    );
  }
  return value;
}

/** A name no other test or run uses: valid as a NATS subject token and as a database name. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}
