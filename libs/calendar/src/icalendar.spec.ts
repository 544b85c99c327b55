import ICAL from 'ical.js';
import { CalendarEntry, icalendar } from './icalendar';

const entry = (overrides: Partial<CalendarEntry> = {}): CalendarEntry => ({
  id: 'w-1', title: 'Atelier cadrans', location: 'Maîche', startsAt: new Date('2027-03-04T09:30:00+01:00'),
  endsAt: new Date('2027-07-04T12:30:00+02:00'), cancelled: false, sequence: 3, changedAt: new Date('2026-11-30T10:00:00Z'), ...overrides,
});

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const zone = calendar.getFirstSubcomponent('vtimezone')!;
  ICAL.TimezoneService.register(zone);
  return { calendar, zone, events: calendar.getAllSubcomponents('vevent') };
}

describe('icalendar', () => {
  it('writes workshop times in Europe/Paris with its VTIMEZONE, and they read back as the same instants', () => {
    const { calendar, zone, events } = parse(icalendar([entry()], 'REQUEST', 'Grappes', 'ateliers@grappes.example'));
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(zone.getFirstPropertyValue('tzid')).toBe('Europe/Paris');
    const event = new ICAL.Event(events[0]);
    expect(events[0].getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Europe/Paris');
    expect(event.startDate.toString()).toBe('2027-03-04T09:30:00');
    expect(event.startDate.toJSDate().toISOString()).toBe('2027-03-04T08:30:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2027-07-04T10:30:00.000Z');
  });

  it('gives each workshop a stable UID, its SEQUENCE and a DTSTAMP in UTC', () => {
    const text = icalendar([entry()], 'REQUEST', 'Grappes', 'ateliers@grappes.example');
    expect(icalendar([entry()], 'REQUEST', 'Grappes', 'ateliers@grappes.example')).toBe(text);
    const event = parse(text).events[0];
    expect(event.getFirstPropertyValue('uid')).toBe('w-1@grappes');
    expect(event.getFirstPropertyValue('sequence')).toBe(3);
    expect(text).toContain('DTSTAMP:20261130T100000Z');
  });

  it('marks a cancelled workshop STATUS:CANCELLED in a published feed', () => {
    const { calendar, events } = parse(icalendar([entry(), entry({ id: 'w-2', cancelled: true })], 'PUBLISH', 'Grappe', 'a@grappes.example'));
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(events.map((e) => e.getFirstPropertyValue('status'))).toEqual(['CONFIRMED', 'CANCELLED']);
  });
});
