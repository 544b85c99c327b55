import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ScheduleWorkshop } from '../rpc/workshops.rpc';

const inDays = (days: number, hours = 0) => new Date(Date.now() + days * 86_400_000 + hours * 3_600_000).toISOString();
const workshop = (startsAt: string, endsAt: string) =>
  plainToInstance(ScheduleWorkshop, { title: 'Atelier cadrans', theme: 'dials', startsAt, endsAt, location: 'Morteau', capacity: 20 });
const badFields = (w: ScheduleWorkshop) => validateSync(w).map((e) => e.property);

describe('the time rules of scheduling', () => {
  it('accepts a workshop ahead that ends after it starts', () => {
    expect(badFields(workshop(inDays(7), inDays(7, 3)))).toEqual([]);
  });

  it('refuses an end before or at the start', () => {
    expect(badFields(workshop(inDays(7, 3), inDays(7)))).toEqual(['endsAt']);
    expect(badFields(workshop(inDays(7), inDays(7)))).toEqual(['endsAt']);
  });

  it('refuses a start in the past', () => {
    expect(badFields(workshop(inDays(-1), inDays(-1, 2)))).toEqual(['startsAt']);
  });

  it('compares times by their instant, whatever their offsets', () => {
    expect(badFields(workshop('2099-03-04T09:30:00+01:00', '2099-03-04T08:45:00Z'))).toEqual([]);
    expect(badFields(workshop('2099-03-04T09:30:00+01:00', '2099-03-04T08:15:00Z'))).toEqual(['endsAt']);
  });

  it('refuses a time without its offset, or a date alone', () => {
    expect(badFields(workshop('2099-03-04T09:30:00', '2099-03-04T12:30:00+01:00'))).toEqual(['startsAt', 'endsAt']);
    expect(badFields(workshop('2099', '2099-03-04T12:30:00+01:00'))).toEqual(['startsAt', 'endsAt']);
  });

  it('refuses days and hours the calendar does not have, which JavaScript would roll over', () => {
    expect(badFields(workshop('2099-02-30T09:30:00+01:00', '2099-03-04T12:30:00+01:00'))).toEqual(['startsAt', 'endsAt']);
    expect(badFields(workshop('2099-03-04T09:30:00+01:00', '2099-03-04T24:00:00+01:00'))).toEqual(['endsAt']);
    expect(badFields(workshop('2099-04-31T09:30:00+02:00', '2099-05-01T12:30:00+02:00'))).toEqual(['startsAt', 'endsAt']);
  });

  it('accepts the 29th of February in a leap year only', () => {
    expect(badFields(workshop('2096-02-29T09:30:00+01:00', '2096-02-29T12:30:00+01:00'))).toEqual([]);
    expect(badFields(workshop('2097-02-29T09:30:00+01:00', '2097-03-01T12:30:00+01:00'))).toEqual(['startsAt', 'endsAt']);
  });
});
