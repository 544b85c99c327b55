import { DomainError } from '@grappes/contracts';
import { GatewayConfig } from '../gateway.config';
import { LoginAttempts } from './login-attempts';

describe('LoginAttempts', () => {
  const config = Object.assign(new GatewayConfig(), { LOGIN_MAX_FAILURES: 10 });
  const t0 = 1_000_000;

  function failTimes(attempts: LoginAttempts, email: string, n: number, at = t0) {
    for (let i = 0; i < n; i++) attempts.recordFailure(email, at);
  }

  it('lets nine failed logins for one e-mail through', () => {
    const attempts = new LoginAttempts(config);
    failTimes(attempts, 'a@grappes.test', 9);
    expect(() => attempts.assertAllowed('a@grappes.test', t0 + 1)).not.toThrow();
  });

  it('refuses the eleventh try within a minute with 429 and the seconds to wait', () => {
    const attempts = new LoginAttempts(config);
    failTimes(attempts, 'a@grappes.test', 10);
    const refusal = (() => {
      try {
        attempts.assertAllowed('A@Grappes.test ', t0 + 15_000);
      } catch (error) {
        return error as DomainError;
      }
      return undefined;
    })();
    expect(refusal?.status).toBe(429);
    expect(refusal?.details).toEqual({ retryAfterSeconds: 45 });
  });

  it('lets the e-mail try again once the minute has passed', () => {
    const attempts = new LoginAttempts(config);
    failTimes(attempts, 'a@grappes.test', 10);
    expect(() => attempts.assertAllowed('a@grappes.test', t0 + 60_001)).not.toThrow();
  });

  it('counts each e-mail on its own and forgets failures after a success', () => {
    const attempts = new LoginAttempts(config);
    failTimes(attempts, 'a@grappes.test', 10);
    expect(() => attempts.assertAllowed('b@grappes.test', t0)).not.toThrow();
    attempts.recordSuccess('a@grappes.test');
    expect(() => attempts.assertAllowed('a@grappes.test', t0)).not.toThrow();
  });
});
