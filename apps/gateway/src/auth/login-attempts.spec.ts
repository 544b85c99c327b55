import { DomainError } from '@grappes/contracts';
import { GatewayConfig } from '../gateway.config';
import { LoginAttempts } from './login-attempts';

describe('LoginAttempts', () => {
  const config = Object.assign(new GatewayConfig(), { LOGIN_MAX_FAILURES: 10 });
  const t0 = 1_000_000;

  function tryTimes(attempts: LoginAttempts, email: string, n: number, at = t0) {
    for (let i = 0; i < n; i++) attempts.begin(email, at);
  }

  function refusalOf(work: () => unknown): DomainError | undefined {
    try {
      work();
    } catch (error) {
      return error as DomainError;
    }
    return undefined;
  }

  it('lets ten attempts for one e-mail through', () => {
    const attempts = new LoginAttempts(config);
    expect(refusalOf(() => tryTimes(attempts, 'a@grappes.test', 10))).toBeUndefined();
  });

  it('refuses the eleventh within a minute with 429 and the seconds to wait, whatever the spelling', () => {
    const attempts = new LoginAttempts(config);
    tryTimes(attempts, 'a@grappes.test', 10);
    const refusal = refusalOf(() => attempts.begin('A@Grappes.test ', t0 + 15_000));
    expect(refusal?.status).toBe(429);
    expect(refusal?.details).toEqual({ retryAfterSeconds: 45 });
  });

  it('counts attempts still waiting for their answer, so a burst sent at once is cut at ten', () => {
    const attempts = new LoginAttempts(config);
    const outcomes = Array.from({ length: 15 }, () => refusalOf(() => attempts.begin('burst@grappes.test', t0)));
    expect(outcomes.filter((r) => r === undefined)).toHaveLength(10);
  });

  it('lets the e-mail try again once the minute has passed', () => {
    const attempts = new LoginAttempts(config);
    tryTimes(attempts, 'a@grappes.test', 10);
    expect(refusalOf(() => attempts.begin('a@grappes.test', t0 + 60_001))).toBeUndefined();
  });

  it('counts each e-mail on its own, forgets attempts after a success, and drops an attempt withdrawn', () => {
    const attempts = new LoginAttempts(config);
    tryTimes(attempts, 'a@grappes.test', 10);
    expect(refusalOf(() => attempts.begin('b@grappes.test', t0))).toBeUndefined();
    attempts.succeeded('a@grappes.test');
    tryTimes(attempts, 'a@grappes.test', 9);
    const tenth = attempts.begin('a@grappes.test', t0 + 1);
    attempts.withdraw('a@grappes.test', tenth);
    expect(refusalOf(() => attempts.begin('a@grappes.test', t0 + 2))).toBeUndefined();
  });
});
