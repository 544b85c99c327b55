import { CancellationReason, EventDefinition, EventEnvelope, RegistrationFact, WORKSHOPS_EVENTS } from '@grappes/contracts';
import { createEvent } from '@grappes/messaging';
import type { WorkshopDocument } from '../workshops/workshop.schema';
import type { Registration } from './registration.schema';

type Workshop = Pick<WorkshopDocument, '_id' | 'title' | 'clusterId' | 'startsAt'>;

/** Every registration event, built in one place; `version` is the registration's after the change. */
function fact<D extends RegistrationFact>(
  def: EventDefinition<D>, workshop: Workshop, registration: Registration, version: number, extra: Partial<D> = {},
): EventEnvelope<D> {
  return createEvent(def, { subject: `workshops/${workshop._id}/registrations/${registration._id}`, version }, {
    registrationId: registration._id, workshopId: workshop._id, workshopTitle: workshop.title, clusterId: workshop.clusterId,
    startsAt: workshop.startsAt.toISOString(), attendeeEmail: registration.attendeeEmail, companyId: registration.companyId,
    status: registration.status, version, ...extra,
  } as D);
}

export const registrationEvents = {
  confirmed: (w: Workshop, r: Registration) => fact(WORKSHOPS_EVENTS.registrationConfirmed, w, r, 1),
  waitlisted: (w: Workshop, r: Registration, position: number) => fact(WORKSHOPS_EVENTS.registrationWaitlisted, w, r, 1, { position }),
  promoted: (w: Workshop, r: Registration, version: number) => fact(WORKSHOPS_EVENTS.waitlistPromoted, w, { ...r, status: 'confirmed' }, version),
  cancelled: (w: Workshop, r: Registration, version: number, reason: CancellationReason) =>
    fact(WORKSHOPS_EVENTS.registrationCancelled, w, r, version, { reason }),
};
