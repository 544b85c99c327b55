import { lastDigestMoment } from './paris-time';

describe('the daily digest moment, 08:00 in Paris', () => {
  it.each([
    ['a winter morning after 8', '2026-01-15T09:30:00Z', '2026-01-15', '2026-01-15T07:00:00.000Z'],
    ['a winter morning before 8', '2026-01-15T06:59:00Z', '2026-01-14', '2026-01-14T07:00:00.000Z'],
    ['a summer morning at 8 sharp', '2026-07-01T06:00:00Z', '2026-07-01', '2026-07-01T06:00:00.000Z'],
    ['a summer morning just before 8', '2026-07-01T05:59:59Z', '2026-06-30', '2026-06-30T06:00:00.000Z'],
    ['the morning clocks go forward', '2026-03-29T07:00:00Z', '2026-03-29', '2026-03-29T06:00:00.000Z'],
    ['the morning after clocks go back', '2026-10-26T06:30:00Z', '2026-10-25', '2026-10-25T07:00:00.000Z'],
    ['New Year’s morning, still the year before', '2027-01-01T05:00:00Z', '2026-12-31', '2026-12-31T07:00:00.000Z'],
  ])('on %s is that of its Paris date', (_when, now, date, at) => {
    expect(lastDigestMoment(new Date(now), 8)).toEqual({ date, at: new Date(at) });
  });
});
