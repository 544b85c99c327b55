// Login throttling shared by gateway instances, against a real nats-server.
import { DomainError } from '@grappes/contracts';
import { requireServer } from '@grappes/testing';
import { NatsConnection, connect } from 'nats';
import { randomUUID } from 'node:crypto';
import { GatewayConfig } from '../gateway.config';
import { LoginAttempt, LoginAttempts } from './login-attempts';

const config = Object.assign(new GatewayConfig(), { LOGIN_MAX_FAILURES: 10 });
let nats: NatsConnection;
/** Two gateway instances over one NATS. */
let first: LoginAttempts;
let second: LoginAttempts;

beforeAll(async () => {
  nats = await connect({ servers: requireServer('NATS_URL').split(',') });
  first = new LoginAttempts(config, nats);
  second = new LoginAttempts(config, nats);
  await Promise.all([first.onModuleInit(), second.onModuleInit()]);
});

afterAll(() => nats?.drain());

/** An e-mail no other test uses, tried from one client. */
const attemptBy = (client: string): LoginAttempt => ({ email: `${randomUUID()}@grappes.test`, client });

async function refusalOf(work: Promise<unknown>): Promise<DomainError | undefined> {
  return work.then(() => undefined, (error: DomainError) => error);
}

describe('login attempts shared by every gateway instance', () => {
  it('refuses the eleventh attempt within a minute with 429 and Retry-After, counting those of both instances', async () => {
    const attempt = attemptBy('203.0.113.7');
    for (let i = 0; i < 10; i++) await (i % 2 ? first : second).begin(attempt);

    const refusal = await refusalOf(first.begin({ ...attempt, email: ` ${attempt.email.toUpperCase()}` }));

    expect(refusal).toMatchObject({ code: 'AUTH.TOO_MANY_ATTEMPTS', status: 429, details: { retryAfterSeconds: 60 } });
  });

  it('never refuses another client, such as the owner of the account, while one client is locked out', async () => {
    const attacker = attemptBy('203.0.113.66');
    for (let i = 0; i < 11; i++) await first.begin(attacker).catch(() => undefined);

    expect(await refusalOf(second.begin({ ...attacker, client: '198.51.100.1' }))).toBeUndefined();
  });

  it('admits no more than ten of many attempts sent at once to both instances', async () => {
    const attempt = attemptBy('203.0.113.9');

    const outcomes = await Promise.all(Array.from({ length: 30 }, (_, i) => refusalOf((i % 2 ? first : second).begin(attempt))));

    expect(outcomes.filter((refusal) => refusal === undefined)).toHaveLength(10);
  });

  it('forgets the failures of a client once it succeeds', async () => {
    const attempt = attemptBy('203.0.113.10');
    for (let i = 0; i < 10; i++) await first.begin(attempt);

    await second.succeeded(attempt);

    expect(await refusalOf(first.begin(attempt))).toBeUndefined();
  });

  it('does not count an attempt withdrawn because it could not be judged', async () => {
    const attempt = attemptBy('203.0.113.11');
    const started = [];
    for (let i = 0; i < 10; i++) started.push(await first.begin(attempt));

    await second.withdraw(attempt, started[0]);

    expect(await refusalOf(first.begin(attempt))).toBeUndefined();
    expect(await refusalOf(first.begin(attempt))).toBeDefined();
  });
});
