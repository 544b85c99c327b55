import { retryDelayMs } from './backoff';

describe('the wait before a retry', () => {
  it('doubles with each attempt, between half and all of base·2^(n−1)', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 1_000, () => 0))).toEqual([500, 1_000, 2_000, 4_000]);
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 1_000, () => 1))).toEqual([1_000, 2_000, 4_000, 8_000]);
  });

  it('is spread at random within that range, so that deliveries failed together do not return together', () => {
    const waits = new Set(Array.from({ length: 50 }, () => retryDelayMs(3, 1_000)));

    expect(waits.size).toBeGreaterThan(10);
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(2_000);
    expect(Math.max(...waits)).toBeLessThanOrEqual(4_000);
  });

  it('never waits more than six hours', () => {
    expect(retryDelayMs(30, 30_000, () => 1)).toBe(6 * 3600_000);
  });
});
