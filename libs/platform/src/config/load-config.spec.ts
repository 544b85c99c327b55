import { ServiceConfig } from './service-config';
import { checkConfig } from './load-config';

class TestConfig extends ServiceConfig {
  override PORT = 3999;
}

describe('configuration', () => {
  it('takes the local defaults when nothing is set', () => {
    const { config } = checkConfig(TestConfig, {});
    expect(config).toMatchObject({ NATS_URL: 'nats://127.0.0.1:4222', MONGODB_URI: 'mongodb://127.0.0.1:27017', PORT: 3999 });
  });

  it('converts numbers from the environment', () => {
    expect(checkConfig(TestConfig, { PORT: '4100', RPC_TIMEOUT_MS: '2500' }).config).toMatchObject({ PORT: 4100, RPC_TIMEOUT_MS: 2500 });
  });

  it('takes a NATS_NAMESPACE that can prefix stream names and subjects, and names one that cannot', () => {
    expect(checkConfig(TestConfig, { NATS_NAMESPACE: 'e2e_1a2b-3c' }).config.NATS_NAMESPACE).toBe('e2e_1a2b-3c');
    for (const bad of ['e2e.1', 'a b', 'x>', '']) {
      expect(checkConfig(TestConfig, { NATS_NAMESPACE: bad }).problems.map((p) => p.split(':')[0])).toEqual(['NATS_NAMESPACE']);
    }
  });

  it('names each malformed variable', () => {
    const { problems } = checkConfig(TestConfig, { PORT: 'abc', NATS_URL: 'http://x', MONGODB_URI: 'postgres://y' });
    expect(problems.map((p) => p.split(':')[0].trim()).sort()).toEqual(['MONGODB_URI', 'NATS_URL', 'PORT']);
  });
});
