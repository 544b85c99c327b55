const PARIS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

function wallClockOf(instant: Date): WallClock {
  const parts = Object.fromEntries(PARIS.formatToParts(instant).map((p) => [p.type, Number(p.value)]));
  return { year: parts['year'], month: parts['month'], day: parts['day'], hour: parts['hour'], minute: parts['minute'] };
}

/** The instant at which Paris shows this date and hour (its offset is +1 h in winter, +2 h in summer). */
function parisInstant(year: number, month: number, day: number, hour: number): Date {
  const asUtc = Date.UTC(year, month - 1, day, hour);
  let instant = asUtc;
  for (let i = 0; i < 2; i++) {
    const shown = wallClockOf(new Date(instant));
    instant += asUtc - Date.UTC(shown.year, shown.month - 1, shown.day, shown.hour, shown.minute);
  }
  return new Date(instant);
}

/**
 * The last daily digest moment at or before `now`: `hour` o'clock in Paris,
 * today's if that hour has come, else yesterday's; with its date
 * (`YYYY-MM-DD`), which names the digest.
 */
export function lastDigestMoment(now: Date, hour: number): { date: string; at: Date } {
  const today = wallClockOf(now);
  const day = new Date(Date.UTC(today.year, today.month - 1, today.day - (today.hour < hour ? 1 : 0)));
  const [year, month, date] = [day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate()];
  return { date: `${year}-${String(month).padStart(2, '0')}-${String(date).padStart(2, '0')}`, at: parisInstant(year, month, date, hour) };
}
