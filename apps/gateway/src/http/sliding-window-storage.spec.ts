import { SlidingWindowStorage } from './sliding-window-storage';

const MINUTE = 60_000;

describe('the general rate limit (a sliding window per client)', () => {
  let now: number;
  let storage: SlidingWindowStorage;
  const hit = (key = 'client-a', limit = 3) => storage.increment(key, MINUTE, limit, MINUTE, 'default');

  beforeEach(() => {
    now = 10 * MINUTE; // the start of a window
    storage = new SlidingWindowStorage(() => now);
  });
  afterEach(() => storage.close());

  it('lets `limit` requests through in a minute and refuses the next', async () => {
    for (let i = 1; i <= 3; i++) expect(await hit()).toMatchObject({ isBlocked: false, totalHits: i });
    expect(await hit()).toMatchObject({ isBlocked: true, timeToBlockExpire: 60 });
  });

  it('counts each client on its own', async () => {
    for (let i = 0; i < 3; i++) await hit('client-a');
    expect((await hit('client-b')).isBlocked).toBe(false);
  });

  it('still counts the previous minute\'s requests in the part of it the last minute overlaps', async () => {
    for (let i = 0; i < 3; i++) await hit();
    now += MINUTE + MINUTE / 4; // a quarter into the next window: three quarters of the previous one's 3 still count (2)
    expect((await hit()).isBlocked).toBe(false);
    expect((await hit()).isBlocked).toBe(true);
  });

  it('lets a client through again once its block and the minute have passed', async () => {
    for (let i = 0; i < 4; i++) await hit();
    now += MINUTE / 2;
    expect((await hit()).isBlocked).toBe(true);
    now += 2 * MINUTE;
    expect(await hit()).toMatchObject({ isBlocked: false, totalHits: 1 });
  });

  it('keeps two numbers per client however many requests it sent', async () => {
    for (let i = 0; i < 10_000; i++) await hit('busy', 1_000_000);
    const windows = (storage as unknown as { windows: Map<string, object> }).windows;
    expect(windows.size).toBe(1);
    expect(windows.get('default:busy')).toMatchObject({ current: 10_000, previous: 0 });
  });
});
