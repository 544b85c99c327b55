import { ICalCalendar, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { tzlib_get_ical_block } from 'timezones-ical-library';

export const CALENDAR_TIMEZONE = 'Europe/Paris';
const WALL_CLOCK = new Intl.DateTimeFormat('en-GB', {
  timeZone: CALENDAR_TIMEZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
});

/** A workshop as a calendar shows it. */
export interface CalendarEntry {
  id: string;
  title: string;
  description?: string;
  location: string;
  startsAt: Date;
  endsAt: Date;
  cancelled: boolean;
  sequence: number;
  /** When the entry last changed: its DTSTAMP, so that an unchanged workshop gives the same text. */
  changedAt: Date;
}

export type CalendarMethod = 'REQUEST' | 'CANCEL' | 'PUBLISH';

/**
 * RFC 5545 text for workshops, times in Europe/Paris with its VTIMEZONE. The
 * UID is the workshop's id, so a calendar app updates the entry it has
 * instead of adding one; SEQUENCE tells it which version is newer.
 */
export function icalendar(entries: CalendarEntry[], method: CalendarMethod, name: string, organizerEmail: string): string {
  const calendar = new ICalCalendar({
    name, method: ICalCalendarMethod[method], prodId: { company: 'France Horlogerie', product: 'Grappes', language: 'FR' },
  });
  // A generator without a calendar-wide name: the VTIMEZONE is written for the events' TZID, and DTSTAMP stays in UTC.
  calendar.timezone({ name: null, generator: (tz) => tzlib_get_ical_block(tz)[0] });
  for (const entry of entries) {
    calendar.createEvent({
      id: `${entry.id}@grappes`, summary: entry.title, description: entry.description, location: entry.location,
      start: wallClock(entry.startsAt), end: wallClock(entry.endsAt), timezone: CALENDAR_TIMEZONE,
      sequence: entry.sequence, stamp: entry.changedAt,
      status: entry.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      organizer: { name: 'France Horlogerie', email: organizerEmail },
    });
  }
  return calendar.toString();
}

/**
 * ical-generator writes a zoned time from the Date's local fields (the
 * process's zone): hand it a Date whose local fields are the Paris wall clock.
 */
function wallClock(instant: Date): Date {
  const parts = Object.fromEntries(WALL_CLOCK.formatToParts(instant).map((p) => [p.type, Number(p.value)]));
  return new Date(parts['year'], parts['month'] - 1, parts['day'], parts['hour'], parts['minute'], parts['second']);
}
