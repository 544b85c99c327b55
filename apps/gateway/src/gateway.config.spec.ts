import { checkConfig } from '@grappes/platform';
import { GatewayConfig } from './gateway.config';

describe('gateway configuration', () => {
  it('serves metrics on port 9300 unless METRICS_PORT says otherwise', () => {
    expect(checkConfig(GatewayConfig, {}).config.METRICS_PORT).toBe(9300);
    expect(checkConfig(GatewayConfig, { METRICS_PORT: '9400' }).config.METRICS_PORT).toBe(9400);
  });

  it('names a malformed METRICS_PORT', () => {
    for (const value of ['abc', '0', '70000']) {
      const { problems } = checkConfig(GatewayConfig, { METRICS_PORT: value });
      expect(problems.map((p) => p.split(':')[0])).toEqual(['METRICS_PORT']);
    }
  });

  it('believes no proxy about client addresses unless TRUST_PROXY says which', () => {
    expect(checkConfig(GatewayConfig, {}).config.trustProxy).toBe(false);
    expect(checkConfig(GatewayConfig, { TRUST_PROXY: '1' }).config.trustProxy).toBe(1);
    expect(checkConfig(GatewayConfig, { TRUST_PROXY: 'loopback, 10.0.0.0/8' }).config.trustProxy).toBe('loopback, 10.0.0.0/8');
    expect(checkConfig(GatewayConfig, { TRUST_PROXY: 'true' }).config.trustProxy).toBe(true);
  });

  it('names a malformed TRUST_PROXY', () => {
    expect(checkConfig(GatewayConfig, { TRUST_PROXY: 'every; one' }).problems.map((p) => p.split(':')[0])).toEqual(['TRUST_PROXY']);
  });

  it('allows no other origin through CORS unless CORS_ORIGINS lists them', () => {
    expect(checkConfig(GatewayConfig, {}).config.corsOrigins).toEqual([]);
    expect(checkConfig(GatewayConfig, { CORS_ORIGINS: 'https://app.example.org, http://localhost:4200' }).config.corsOrigins).toEqual([
      'https://app.example.org', 'http://localhost:4200',
    ]);
  });

  it('names a malformed CORS_ORIGINS', () => {
    for (const value of ['*', 'app.example.org', 'https://a.example/path']) {
      expect(checkConfig(GatewayConfig, { CORS_ORIGINS: value }).problems.map((p) => p.split(':')[0])).toEqual(['CORS_ORIGINS']);
    }
  });

  it('refuses production without a PRINCIPAL_SIGNING_SECRET of at least 32 characters, as the services do', () => {
    const production = { NODE_ENV: 'production', JWT_SECRET: 'j'.repeat(32), ADMIN_EMAIL: 'a@b.example', ADMIN_PASSWORD: 'password-1' };
    expect(checkConfig(GatewayConfig, production).problems.map((p) => p.split(':')[0])).toEqual(['PRINCIPAL_SIGNING_SECRET']);
    expect(checkConfig(GatewayConfig, { ...production, PRINCIPAL_SIGNING_SECRET: 'short' }).problems.map((p) => p.split(':')[0])).toEqual(['PRINCIPAL_SIGNING_SECRET']);
    expect(checkConfig(GatewayConfig, { ...production, PRINCIPAL_SIGNING_SECRET: 's'.repeat(32) }).problems).toEqual([]);
  });
});
