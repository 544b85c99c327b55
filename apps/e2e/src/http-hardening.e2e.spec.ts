import { usePlatform } from './support/use-platform';

const ALLOWED = 'https://app.grappes.test';
const errorContract = { statusCode: expect.any(Number), code: expect.any(String), message: expect.any(String), correlationId: expect.any(String) };

describe('HTTP hardening at the gateway', () => {
  const { platform, anonymous } = usePlatform({ env: { CORS_ORIGINS: `${ALLOWED}, https://admin.grappes.test` } });

  it('sends the security headers on every answer', async () => {
    const { headers } = await anonymous.get('/health/live');
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(headers.get('strict-transport-security')).toContain('max-age=');
    expect(headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(headers.get('x-powered-by')).toBeNull();
  });

  it('serves the OpenAPI page with scripts its Content-Security-Policy lets run', async () => {
    const page = await fetch(`${platform.baseUrl}/docs`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    // script-src 'self' runs no inline script: each must be a file of this origin, and be served.
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, inline] of scripts) {
      expect(inline.trim()).toBe('');
      const src = /src="([^"]+)"/.exec(attributes)?.[1];
      expect(src).toMatch(/^\.?\/?[\w./-]+\.js$/);
      const script = await fetch(new URL(src!, `${platform.baseUrl}/docs/`));
      expect(script.status).toBe(200);
    }
  });

  it('answers a preflight from an allowed origin, exposing the correlation id', async () => {
    const reply = await fetch(`${platform.baseUrl}/companies`, {
      method: 'OPTIONS',
      headers: { origin: ALLOWED, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    expect(reply.status).toBeLessThan(300);
    expect(reply.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    const simple = await anonymous.get('/health/live', { origin: ALLOWED });
    expect(simple.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(simple.headers.get('access-control-expose-headers')).toContain('x-correlation-id');
  });

  it('gives an origin not on the allow-list no CORS header, so browsers refuse its pages the answer', async () => {
    const reply = await anonymous.get('/health/live', { origin: 'https://evil.example' });
    expect(reply.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a JSON body over the limit with 413 in the error contract', async () => {
    const reply = await anonymous.post('/auth/login', { email: 'a@b.example', password: 'x'.repeat(200 * 1024) }, { 'x-correlation-id': 'big-body-1' });
    expect(reply.status).toBe(413);
    expect(reply.body).toEqual({ ...errorContract, statusCode: 413, code: 'REQUEST.BODY_TOO_LARGE', correlationId: 'big-body-1' });
    expect(reply.headers.get('x-correlation-id')).toBe('big-body-1');
  });

  it('refuses a body that is not JSON with 400 in the error contract, without quoting it', async () => {
    const response = await fetch(`${platform.baseUrl}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email": secret-password' });
    const body = await response.json();
    expect(response.status).toBe(400);
    expect(body).toEqual({ ...errorContract, statusCode: 400, code: 'REQUEST.VALIDATION_FAILED' });
    expect(JSON.stringify(body)).not.toContain('secret-password');
  });
});
