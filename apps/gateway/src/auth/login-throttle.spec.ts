import { Admission, LoginRecord, NO_ATTEMPTS, admit, withdraw } from './login-throttle';

const MAX = 10;
const t0 = 1_000_000;

/** Attempts at the given times, each admitted one left counting (as failures do). */
function attempts(times: number[], from: LoginRecord = NO_ATTEMPTS): Admission[] {
  let record = from;
  return times.map((at) => {
    const admission = admit(record, at, MAX);
    record = admission.record;
    return admission;
  });
}

const last = <T>(items: T[]) => items[items.length - 1];

describe('login throttling rules', () => {
  it('admits ten attempts within a minute and refuses the eleventh with a minute to wait', () => {
    const results = attempts(Array.from({ length: 11 }, (_, i) => t0 + i * 1_000));
    expect(results.slice(0, 10).every((r) => r.admitted)).toBe(true);
    expect(last(results)).toMatchObject({ admitted: false, retryAfterSeconds: 60 });
  });

  it('keeps refusing during the lockout, with the seconds left', () => {
    const results = attempts([...Array.from({ length: 11 }, () => t0), t0 + 45_000]);
    expect(last(results)).toMatchObject({ admitted: false, retryAfterSeconds: 15 });
  });

  it('doubles the lockout each time the client reaches the limit again', () => {
    const first = attempts(Array.from({ length: 11 }, () => t0));
    const afterFirst = t0 + 60_000;
    const second = attempts(Array.from({ length: 11 }, () => afterFirst), last(first).record);
    expect(last(second)).toMatchObject({ admitted: false, retryAfterSeconds: 120 });
    const third = attempts(Array.from({ length: 11 }, () => afterFirst + 120_000), last(second).record);
    expect(last(third)).toMatchObject({ admitted: false, retryAfterSeconds: 240 });
  });

  it('forgets attempts older than a minute', () => {
    const results = attempts([...Array.from({ length: 10 }, () => t0), t0 + 60_001]);
    expect(last(results).admitted).toBe(true);
  });

  it('does not count a withdrawn attempt, and withdraws only that one of attempts started at the same instant', () => {
    const results = attempts(Array.from({ length: 10 }, () => t0));
    const withdrawn = withdraw(last(results).record, t0);
    expect(withdrawn.started).toHaveLength(9);
    expect(admit(withdrawn, t0 + 1, MAX).admitted).toBe(true);
  });
});
