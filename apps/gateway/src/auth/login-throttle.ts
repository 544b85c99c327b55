/**
 * The rules of login throttling, kept apart from where the counts live:
 * failed logins are counted per e-mail and client over a minute. Past the
 * limit that client is locked out for a minute, then two, four… (up to a
 * day) each time it reaches the limit again; a success forgets it all.
 * Another client, the rightful owner among them, is never affected.
 */
export const WINDOW_MS = 60_000;
const MAX_LOCKOUT_MS = 24 * 60 * 60_000;

export interface LoginRecord {
  /** Starts of attempts not yet judged a success, within the window. */
  started: number[];
  /** How many times this client has been locked out since its last success. */
  lockouts: number;
  lockedUntil: number;
}

export const NO_ATTEMPTS: LoginRecord = { started: [], lockouts: 0, lockedUntil: 0 };

export type Admission = { admitted: true; record: LoginRecord } | { admitted: false; record: LoginRecord; retryAfterSeconds: number };

/** Counts an attempt from its start, so that many sent at once cannot all slip through before the first answer. */
export function admit(previous: LoginRecord, now: number, maxFailures: number): Admission {
  if (previous.lockedUntil > now) return refused(previous, now);
  const started = previous.started.filter((at) => at > now - WINDOW_MS);
  if (started.length < maxFailures) return { admitted: true, record: { ...previous, started: [...started, now] } };
  const lockedFor = Math.min(WINDOW_MS * 2 ** previous.lockouts, MAX_LOCKOUT_MS);
  return refused({ started: [], lockouts: previous.lockouts + 1, lockedUntil: now + lockedFor }, now);
}

/** An attempt that could not be judged (a service was down) does not count. */
export function withdraw(record: LoginRecord, startedAt: number): LoginRecord {
  const index = record.started.indexOf(startedAt);
  if (index === -1) return record;
  return { ...record, started: [...record.started.slice(0, index), ...record.started.slice(index + 1)] };
}

function refused(record: LoginRecord, now: number): Admission {
  return { admitted: false, record, retryAfterSeconds: Math.ceil((record.lockedUntil - now) / 1000) };
}
