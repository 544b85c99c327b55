import { Inject, Injectable } from '@nestjs/common';
import { DomainError, ERRORS } from '@grappes/contracts';
import { GatewayConfig } from '../gateway.config';

const WINDOW_MS = 60_000;
/** Forgotten e-mails are swept out every so many attempts, so the map stays small. */
const SWEEP_EVERY = 1_000;

/**
 * Counts login attempts per e-mail over the last minute and refuses further
 * ones past the limit. An attempt counts from the moment it starts, so that
 * many tries sent at once cannot all slip through before the first answer;
 * a success forgets them. Kept in this gateway instance's memory: with several
 * instances, each one counts its own share.
 */
@Injectable()
export class LoginAttempts {
  private readonly attempts = new Map<string, number[]>();
  private sinceSweep = 0;

  constructor(@Inject(GatewayConfig) private readonly config: GatewayConfig) {}

  /** Records the start of an attempt, or refuses it with 429 and the seconds to wait. */
  begin(email: string, now = Date.now()): number {
    if (++this.sinceSweep >= SWEEP_EVERY) this.sweep(now);
    const recent = this.recent(email, now);
    if (recent.length >= this.config.LOGIN_MAX_FAILURES) {
      const retryAfterSeconds = Math.ceil((recent[0] + WINDOW_MS - now) / 1000);
      throw new DomainError(ERRORS.TOO_MANY_ATTEMPTS, 'Too many failed logins; try again later', { retryAfterSeconds });
    }
    this.attempts.set(key(email), [...recent, now]);
    return now;
  }

  /** The attempt could not be judged (a service was down): it does not count. */
  withdraw(email: string, startedAt: number): void {
    const kept = (this.attempts.get(key(email)) ?? []).filter((at) => at !== startedAt);
    this.attempts.set(key(email), kept);
  }

  succeeded(email: string): void {
    this.attempts.delete(key(email));
  }

  private recent(email: string, now: number): number[] {
    return (this.attempts.get(key(email)) ?? []).filter((at) => at > now - WINDOW_MS);
  }

  private sweep(now: number): void {
    this.sinceSweep = 0;
    for (const [email, times] of this.attempts) {
      if (!times.some((at) => at > now - WINDOW_MS)) this.attempts.delete(email);
    }
  }
}

const key = (email: string) => email.trim().toLowerCase();
