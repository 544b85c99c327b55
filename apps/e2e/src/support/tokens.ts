import { createHash, createHmac } from 'node:crypto';

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An HS256 access token as the gateway signs them (its `kid` is derived from the secret, see signing-keys.ts). */
export function signAccessToken(secret: string, claims: Record<string, unknown>, expiresAt: Date): string {
  const kid = createHash('sha256').update(secret).digest('hex').slice(0, 16);
  const exp = Math.floor(expiresAt.getTime() / 1000);
  const unsigned = `${base64url({ alg: 'HS256', typ: 'JWT', kid })}.${base64url({ ...claims, iat: exp - 900, exp })}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}
