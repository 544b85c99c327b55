import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The caller's identity crosses NATS in a header that services trust, so the
 * sender signs it: HMAC-SHA256 of "<unix ms>.<principal JSON>" with a secret
 * shared by the gateway and the services (PRINCIPAL_SIGNING_SECRET). Someone
 * who can publish on NATS but lacks the secret cannot make one up, and a
 * captured header works only for SIGNATURE_TTL_MS.
 */
export const SIGNATURE_TTL_MS = 60_000;

/** Development and tests only: production refuses to start without its own secret (AppConfig). */
export const DEVELOPMENT_PRINCIPAL_SECRET = 'grappes-development-principal-signing-secret';

let secret = DEVELOPMENT_PRINCIPAL_SECRET;

/** Set once at start-up, from the validated configuration, before any request is sent or taken. */
export function usePrincipalSigningSecret(value: string | undefined): void {
  secret = value ?? DEVELOPMENT_PRINCIPAL_SECRET;
}

const mac = (signedAt: string, principalJson: string, key: string) => createHmac('sha256', key).update(`${signedAt}.${principalJson}`).digest();

/** `t=<unix ms>,v1=<hex>`, the value of the signature header. */
export function signPrincipal(principalJson: string, now = Date.now(), key = secret): string {
  return `t=${now},v1=${mac(String(now), principalJson, key).toString('hex')}`;
}

/** True when the signature is this secret's, over this principal, and recent (a little clock skew allowed). */
export function isSignedPrincipal(principalJson: string, signature: string | undefined, now = Date.now(), key = secret): boolean {
  const fields = /^t=(\d{1,15}),v1=([0-9a-f]{64})$/.exec(signature ?? '');
  if (!fields) return false;
  const [, signedAt, hex] = fields;
  if (Math.abs(now - Number(signedAt)) > SIGNATURE_TTL_MS) return false;
  return timingSafeEqual(Buffer.from(hex, 'hex'), mac(signedAt, principalJson, key));
}
