import { createHmac } from 'node:crypto';

/**
 * `x-grappes-signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" with the secret>`,
 * as api.md gives it: the time is signed with the body, so that a receiver can
 * refuse an old delivery replayed.
 */
export function signatureHeader(secret: string, rawBody: string, unixSeconds: number): string {
  const v1 = createHmac('sha256', secret).update(`${unixSeconds}.${rawBody}`).digest('hex');
  return `t=${unixSeconds},v1=${v1}`;
}
