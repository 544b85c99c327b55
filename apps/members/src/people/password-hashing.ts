import { DomainError, ERRORS } from '@grappes/contracts';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { costOf, hashPassword, verifyPassword } from './password';

/** How much one derivation's time counts in the running estimate of a cost's time. */
const SMOOTHING = 0.2;

export interface Verdict {
  matches: boolean;
  /** The hash was made at another cost than the current one: store a new one while the password is known. */
  rehash: boolean;
}

/**
 * Password hashing for the members service: at most `concurrency` derivations
 * at once (each takes tens of milliseconds and 32 MiB at cost 15): beyond
 * that, a login is refused at once with 503 rather than queued until every
 * caller times out.
 *
 * A refusal must not tell whether the e-mail exists. An unknown e-mail is
 * compared with a decoy at the current cost; a hash made before the cost
 * setting changed takes another time. So every refusal lasts at least as long
 * as the slowest cost measured (per cost, a running estimate of a derivation).
 */
export class PasswordHashing {
  private running = 0;
  private readonly typicalMs = new Map<number, number>();

  constructor(
    readonly costLog2: number,
    private readonly concurrency: number,
  ) {}

  hash(password: string): Promise<string> {
    return this.slot(() => hashPassword(password, this.costLog2));
  }

  async verify(password: string, stored: string): Promise<Verdict> {
    const started = performance.now();
    const matches = await this.slot(() => verifyPassword(password, stored));
    const elapsed = performance.now() - started;
    const cost = costOf(stored);
    if (cost !== undefined) this.measure(cost, elapsed);
    if (!matches) await sleep(Math.max(0, this.slowestMs() - elapsed));
    return { matches, rehash: matches && cost !== this.costLog2 };
  }

  private async slot<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) throw new DomainError(ERRORS.SERVICE_UNAVAILABLE, 'Too many sign-ins at once; try again in a moment');
    this.running++;
    try {
      return await work();
    } finally {
      this.running--;
    }
  }

  private measure(cost: number, ms: number): void {
    const previous = this.typicalMs.get(cost);
    this.typicalMs.set(cost, previous === undefined ? ms : previous + SMOOTHING * (ms - previous));
  }

  private slowestMs(): number {
    return Math.max(0, ...this.typicalMs.values());
  }
}
