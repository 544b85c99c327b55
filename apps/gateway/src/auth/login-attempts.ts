import { Inject, Injectable } from '@nestjs/common';
import { DomainError, ERRORS } from '@grappes/contracts';
import { GatewayConfig } from '../gateway.config';

const WINDOW_MS = 60_000;

/**
 * Counts failed logins per e-mail over the last minute and refuses further
 * tries past the limit. Kept in this gateway instance's memory: with several
 * instances, each one counts its own share.
 */
@Injectable()
export class LoginAttempts {
  private readonly failures = new Map<string, number[]>();

  constructor(@Inject(GatewayConfig) private readonly config: GatewayConfig) {}

  assertAllowed(email: string, now = Date.now()): void {
    const recent = this.recent(email, now);
    if (recent.length < this.config.LOGIN_MAX_FAILURES) return;
    const retryAfterSeconds = Math.ceil((recent[0] + WINDOW_MS - now) / 1000);
    throw new DomainError(ERRORS.TOO_MANY_ATTEMPTS, 'Too many failed logins; try again later', { retryAfterSeconds });
  }

  recordFailure(email: string, now = Date.now()): void {
    this.failures.set(key(email), [...this.recent(email, now), now]);
  }

  recordSuccess(email: string): void {
    this.failures.delete(key(email));
  }

  private recent(email: string, now: number): number[] {
    const kept = (this.failures.get(key(email)) ?? []).filter((at) => at > now - WINDOW_MS);
    if (kept.length === 0) this.failures.delete(key(email));
    return kept;
  }
}

const key = (email: string) => email.trim().toLowerCase();
