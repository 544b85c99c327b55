import { Attendee, WORKSHOPS_EVENTS, WorkshopSnapshot } from '@grappes/contracts';
import { createEvent } from '@grappes/messaging';
import type { WorkshopDocument } from './workshop.schema';

function snapshot(w: WorkshopDocument): WorkshopSnapshot {
  return {
    workshopId: w._id, title: w.title, theme: w.theme, clusterId: w.clusterId, startsAt: w.startsAt.toISOString(), endsAt: w.endsAt.toISOString(),
    location: w.location, capacity: w.capacity, sequence: w.sequence, version: w.version,
  };
}

/** The workshop's own events, each from its state after the change. */
export const workshopEvents = {
  rescheduled: (w: WorkshopDocument) =>
    createEvent(WORKSHOPS_EVENTS.workshopRescheduled, { subject: `workshops/${w._id}`, version: w.version }, snapshot(w)),
  cancelled: (w: WorkshopDocument, attendees: Attendee[]) =>
    createEvent(WORKSHOPS_EVENTS.workshopCancelled, { subject: `workshops/${w._id}`, version: w.version }, { ...snapshot(w), attendees }),
};
