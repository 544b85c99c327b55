import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DomainError, ERRORS } from '@grappes/contracts';
import { streamNameIn } from '@grappes/messaging';
import { NATS_CONNECTION } from '@grappes/platform';
import { KV, NatsConnection } from 'nats';
import { createHash } from 'node:crypto';
import { GatewayConfig } from '../gateway.config';
import { compareAndSet } from '../kv/compare-and-set';
import { Admission, LoginRecord, NO_ATTEMPTS, admit, withdraw } from './login-throttle';

/** Long enough for the longest lockout (a day); a record unused that long is dropped by the server. */
const BUCKET = { name: 'grappes_login_attempts', ttlMs: 24 * 60 * 60_000 };

/** Who tries to log in as whom: the e-mail as typed (any spelling) and the client's address. */
export interface LoginAttempt {
  email: string;
  client: string;
}

/**
 * Login attempts per e-mail and client (login-throttle.ts has the rules), kept
 * in a NATS key-value bucket so that every gateway instance sees the same
 * counts; two gateways counting at once cannot lose an attempt (compare-and-set).
 */
@Injectable()
export class LoginAttempts implements OnModuleInit {
  private kv!: KV;

  constructor(
    @Inject(GatewayConfig) private readonly config: GatewayConfig,
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
  ) {}

  async onModuleInit(): Promise<void> {
    this.kv = await this.nats.jetstream().views.kv(streamNameIn(BUCKET.name, this.config.NATS_NAMESPACE), { ttl: BUCKET.ttlMs, history: 1 });
  }

  /** Records the start of an attempt, or refuses it with 429 and the seconds to wait. */
  async begin(attempt: LoginAttempt, now = Date.now()): Promise<number> {
    const admission = await this.change(attempt, (record) => admit(record, now, this.config.LOGIN_MAX_FAILURES));
    if (!admission.admitted) {
      const { retryAfterSeconds } = admission;
      throw new DomainError(ERRORS.TOO_MANY_ATTEMPTS, 'Too many failed logins; try again later', { retryAfterSeconds });
    }
    return now;
  }

  /** The attempt could not be judged (a service was down): it does not count. */
  async withdraw(attempt: LoginAttempt, startedAt: number): Promise<void> {
    await this.change(attempt, (record) => ({ admitted: true, record: withdraw(record, startedAt) }));
  }

  /** A success forgets this client's failures for this e-mail, lockouts included. */
  async succeeded(attempt: LoginAttempt): Promise<void> {
    await this.kv.delete(keyOf(attempt));
  }

  private async change(attempt: LoginAttempt, decide: (record: LoginRecord) => Admission): Promise<Admission> {
    const decision = await compareAndSet(this.kv, keyOf(attempt), NO_ATTEMPTS, (record) => {
      const admission = decide(record);
      return { value: admission.record, admission };
    });
    return decision.admission;
  }
}

/** Hashed: the bucket holds neither e-mails nor addresses, and any spelling of an e-mail counts as one. */
function keyOf({ email, client }: LoginAttempt): string {
  const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);
  return `${digest(email.trim().normalize('NFC').toLowerCase())}.${digest(client)}`;
}
