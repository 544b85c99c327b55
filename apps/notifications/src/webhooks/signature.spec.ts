import { createHmac, timingSafeEqual } from 'node:crypto';
import { signatureHeader } from './signature';

/** The receiver's side, as the README's recipe writes it. */
function verify(header: string, rawBody: string, secret: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const parts = Object.fromEntries(header.split(',').map((part) => part.split('=', 2)));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest();
  const given = Buffer.from(parts.v1 ?? '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

describe('x-grappes-signature', () => {
  const body = '{"id":"e-1","type":"grappes.members.company-suspended.v1"}';

  it('is t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">, which the receiver recomputes', () => {
    const header = signatureHeader('a-webhook-secret-1', body, 1_780_000_000);

    expect(header).toBe(`t=1780000000,v1=${createHmac('sha256', 'a-webhook-secret-1').update(`1780000000.${body}`).digest('hex')}`);
    expect(verify(header, body, 'a-webhook-secret-1', 1_780_000_010)).toBe(true);
  });

  it('fails for another secret, an altered body, or a delivery replayed long after', () => {
    const header = signatureHeader('a-webhook-secret-1', body, 1_780_000_000);

    expect(verify(header, body, 'another-secret-22', 1_780_000_000)).toBe(false);
    expect(verify(header, body.replace('e-1', 'e-2'), 'a-webhook-secret-1', 1_780_000_000)).toBe(false);
    expect(verify(header, body, 'a-webhook-secret-1', 1_780_003_600)).toBe(false);
  });
});
