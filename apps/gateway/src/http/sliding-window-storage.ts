import { ThrottlerStorage } from '@nestjs/throttler';

/** What the throttler expects back (its package does not export the type from its entry point). */
type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

interface Window {
  /** Which window of `ttl` milliseconds since the epoch `current` counts. */
  index: number;
  current: number;
  previous: number;
  blockedUntil: number;
  /** When its counts weigh nothing any more (two windows on) and it is not blocked: forgotten then. */
  staleAt: number;
}

/** How often windows no request touched for two windows are forgotten. */
const SWEEP_MS = 60_000;

/**
 * The general rate limit's counts: a sliding-window counter per client, two
 * numbers each, so a request costs the same however many came before it.
 * The throttler's own in-memory storage keeps every hit of the last minute
 * and filters them on each request, which grows with the traffic (#7). The
 * estimate weighs the previous window by how much of it still overlaps the
 * last `ttl`. Each gateway counts on its own (README, Security in production).
 */
export class SlidingWindowStorage implements ThrottlerStorage {
  private readonly windows = new Map<string, Window>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly now: () => number = Date.now) {
    this.sweeper = setInterval(() => this.sweep(), SWEEP_MS);
    this.sweeper.unref();
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const now = this.now();
    const index = Math.floor(now / ttl);
    const name = `${throttlerName}:${key}`;
    const window = this.moved(this.windows.get(name), index, ttl);
    this.windows.set(name, window);
    const overlap = 1 - (now - index * ttl) / ttl;
    const hits = Math.floor(window.previous * overlap) + window.current;
    if (window.blockedUntil <= now && hits >= limit) window.blockedUntil = now + blockDuration;
    const isBlocked = window.blockedUntil > now;
    if (!isBlocked) window.current++;
    return {
      totalHits: hits + 1,
      timeToExpire: Math.ceil(((index + 1) * ttl - now) / 1000),
      isBlocked,
      timeToBlockExpire: isBlocked ? Math.ceil((window.blockedUntil - now) / 1000) : 0,
    };
  }

  close(): void {
    clearInterval(this.sweeper);
  }

  /** The window for `index`: the same, the next one (the current becomes the previous), or a fresh one. */
  private moved(window: Window | undefined, index: number, ttl: number): Window {
    if (window?.index === index) return window;
    const previous = window?.index === index - 1 ? window.current : 0;
    return { index, current: 0, previous, blockedUntil: window?.blockedUntil ?? 0, staleAt: (index + 2) * ttl };
  }

  private sweep(): void {
    const now = this.now();
    for (const [name, window] of this.windows) {
      if (window.staleAt <= now && window.blockedUntil <= now) this.windows.delete(name);
    }
  }
}
