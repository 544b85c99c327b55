import { createHash, randomBytes, randomUUID } from 'node:crypto';

/**
 * A refresh token is `<session id>.<secret>`: the id finds the session, the
 * secret proves the holder. Only a hash of the secret is stored, so the
 * database never holds a usable token.
 */
export interface SessionToken {
  sessionId: string;
  secret: string;
}

const SHAPE = /^([0-9a-f-]{36})\.([\w-]{43})$/;

export function newSessionToken(sessionId: string = randomUUID()): SessionToken {
  return { sessionId, secret: randomBytes(32).toString('base64url') };
}

export function formatToken({ sessionId, secret }: SessionToken): string {
  return `${sessionId}.${secret}`;
}

export function parseToken(token: string): SessionToken | undefined {
  const match = SHAPE.exec(token);
  return match ? { sessionId: match[1], secret: match[2] } : undefined;
}

export function hashOf(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
