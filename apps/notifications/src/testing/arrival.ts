// The moments and orders of arrival the notifications specs play events in.
import { EventEnvelope } from '@grappes/contracts';
import { Notification } from '../inbox/notification.schema';
import type { Person } from './events';
import type { NotificationsHarness } from './harness';

export const BEFORE = '2026-03-01T09:00:00.000Z';
export const AT = '2026-03-02T09:00:00.000Z';
export const AFTER = '2026-03-03T09:00:00.000Z';
export const LATER = '2026-03-04T09:00:00.000Z';

export type Order = (people: EventEnvelope[], facts: EventEnvelope[]) => EventEnvelope[];

/** The people's events before the facts, and after them (their stream behind, or a retry). */
export const ORDERS: [string, Order][] = [
  ['the people first', (people, facts) => [...people, ...facts]],
  ['the people last', (people, facts) => [...facts, ...people]],
];

/** The inbox entries of a person, as `<type>:<kind>`; only those of `events` when given (staff hear of every test's). */
export async function inboxOf(harness: NotificationsHarness, p: Person, events?: EventEnvelope[]): Promise<string[]> {
  const of = events ? { eventId: { $in: events.map((e) => e.id) } } : {};
  const entries = await harness.model<Notification>(Notification.name).find({ recipientId: p.personId, ...of }).lean<Notification[]>();
  return entries.map((n) => `${n.type}:${n.kind}`).sort();
}
