import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Passwords are hashed with scrypt (memory-hard, in Node's own crypto): no
 * native add-on to build, and the cost is stored with each hash so it can grow.
 */
const KEY_LENGTH = 32;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;

function derive(password: string, salt: Buffer, costLog2: number): Promise<Buffer> {
  const N = 2 ** costLog2;
  const maxmem = 256 * N * BLOCK_SIZE;
  return new Promise((resolve, reject) =>
    scrypt(password, salt, KEY_LENGTH, { N, r: BLOCK_SIZE, p: PARALLELISM, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** `scrypt$<log2 N>$<salt>$<key>`, salt and key in base64. */
export async function hashPassword(password: string, costLog2: number): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, costLog2);
  return ['scrypt', costLog2, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, cost, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), Number(cost));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** The cost (log2 N) a stored hash was made at; undefined for one this module did not make. */
export function costOf(stored: string): number | undefined {
  const [scheme, cost] = stored.split('$');
  return scheme === 'scrypt' && /^\d+$/.test(cost ?? '') ? Number(cost) : undefined;
}
