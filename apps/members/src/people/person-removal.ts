import { MEMBERS_EVENTS } from '@grappes/contracts';
import { createEvent } from '@grappes/messaging';
import { PersonDocument } from './person.schema';
import { RemovedPersonDocument } from './removed-person.schema';

/**
 * The archive record of a removed account, carrying its person-removed event
 * after any event the account had not yet published (deleting it must not lose them).
 */
export function removalRecord(person: PersonDocument, removedBy: string, removedAt = new Date()): RemovedPersonDocument {
  const version = person.version + 1;
  const event = createEvent(MEMBERS_EVENTS.personRemoved, { subject: `people/${person._id}`, version }, {
    personId: person._id, companyId: person.companyId, email: person.email, version,
  });
  return {
    _id: person._id, companyId: person.companyId, email: person.email, firstName: person.firstName, lastName: person.lastName,
    role: person.role, removedAt, removedBy, version, pendingEvents: [...person.pendingEvents, event],
  };
}
