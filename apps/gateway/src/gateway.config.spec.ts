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
});
