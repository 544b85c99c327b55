// Events as the other services publish them, for the notifications tests: each
// builder takes the facts a test cares about and fills in the rest.
import {
  CLUSTERS_EVENTS, ClusterSnapshot, CompanyJoinedCluster, CompanySnapshot, EventDefinition, EventEnvelope, IDEAS_EVENTS, IdeaPosted,
  InterestExpressed, MEMBERS_EVENTS, PROJECTS_EVENTS, PersonSnapshot, ProjectSnapshot, ProjectStatus, RegistrationCancelled, RegistrationFact, Role,
  WORKSHOPS_EVENTS, WorkshopCancelled, WorkshopSnapshot,
} from '@grappes/contracts';
import { createEvent } from '@grappes/messaging';
import { uniqueName } from '@grappes/testing';

/** An event of `def` that happened at `time`. */
export function eventAt<D>(def: EventDefinition<D>, time: string, subject: string, data: D & { version: number }): EventEnvelope<D> {
  return { ...createEvent(def, { subject, version: data.version }, data), time };
}

export interface Person {
  personId: string;
  companyId?: string;
  email: string;
  role: Role;
}

export const person = (role: Role, companyId?: string, email = `${uniqueName('p')}@doubs.example`): Person => ({
  personId: uniqueName('person'), companyId, email, role,
});

export const personAdded = (p: Person, addedAt: string, extra: Partial<PersonSnapshot> = {}) =>
  eventAt(MEMBERS_EVENTS.personAdded, addedAt, `people/${p.personId}`, {
    ...p, firstName: 'Ada', lastName: 'Morel', version: 1, ...extra,
  } as PersonSnapshot);

export const personUpdated = (p: Person, time: string, version: number, extra: Partial<PersonSnapshot>) =>
  eventAt(MEMBERS_EVENTS.personUpdated, time, `people/${p.personId}`, {
    ...p, firstName: 'Ada', lastName: 'Morel', ...extra, version,
  } as PersonSnapshot);

export const companyEvent = (def: EventDefinition<CompanySnapshot>, companyId: string, time: string, version = 2) =>
  eventAt(def, time, `companies/${companyId}`, {
    companyId, name: 'Boîtiers du Doubs', siren: '732829320', category: 'components-and-microtechnics', capabilities: ['cases'],
    region: 'Bourgogne-Franche-Comté', status: def === MEMBERS_EVENTS.companyReactivated ? 'active' : 'suspended', version,
  } as CompanySnapshot);

export const clusterCreated = (clusterId: string, coordinatorCompanyId?: string) =>
  eventAt(CLUSTERS_EVENTS.clusterCreated, '2026-01-05T09:00:00.000Z', `clusters/${clusterId}`, {
    clusterId, name: 'Grappe Boîtiers', theme: 'cases', admission: 'open', coordinatorCompanyId, version: 1,
  } as ClusterSnapshot);

export const companyJoined = (clusterId: string, companyId: string, joinedAt: string) =>
  eventAt(CLUSTERS_EVENTS.companyJoinedCluster, joinedAt, `clusters/${clusterId}/members/${companyId}`, {
    clusterId, clusterName: 'Grappe Boîtiers', theme: 'cases', companyId, companyName: 'Boîtiers du Doubs', role: 'member', joinedAt, version: 1,
  } as CompanyJoinedCluster);

export interface Workshop {
  workshopId: string;
  title: string;
  /** A cluster of its own unless told: its scheduling then reaches no one, and tests of other notices stay apart. */
  clusterId?: string;
}

export const workshop = (clusterId: string | undefined = uniqueName('c')): Workshop => ({
  workshopId: uniqueName('w'), title: 'Atelier boîtiers : étanchéité', clusterId,
});

const snapshot = (w: Workshop, version: number, startsAt = '2026-06-10T07:30:00.000Z'): WorkshopSnapshot => ({
  workshopId: w.workshopId, title: w.title, theme: 'cases', clusterId: w.clusterId, startsAt, endsAt: '2026-06-10T10:00:00.000Z', location: 'Morteau, salle des fêtes',
  capacity: 2, sequence: version - 1, version,
});

export const workshopScheduled = (w: Workshop, time: string) =>
  eventAt(WORKSHOPS_EVENTS.workshopScheduled, time, `workshops/${w.workshopId}`, snapshot(w, 1));

export const workshopRescheduled = (w: Workshop, time: string, version = 2) =>
  eventAt(WORKSHOPS_EVENTS.workshopRescheduled, time, `workshops/${w.workshopId}`, snapshot(w, version, '2026-06-11T07:30:00.000Z'));

export const workshopCancelled = (w: Workshop, time: string, attendees: Registration[], version = 3) =>
  eventAt(WORKSHOPS_EVENTS.workshopCancelled, time, `workshops/${w.workshopId}`, {
    ...snapshot(w, version), attendees: attendees.map(({ registrationId, attendeeEmail, companyId }) => ({ registrationId, attendeeEmail, companyId })),
  } as WorkshopCancelled);

export interface Registration {
  registrationId: string;
  workshop: Workshop;
  attendeeEmail: string;
  companyId: string;
}

export const registration = (w: Workshop, attendeeEmail: string, companyId: string): Registration => ({
  registrationId: uniqueName('r'), workshop: w, attendeeEmail, companyId,
});

const fact = (r: Registration, version: number, status: RegistrationFact['status'], extra: object = {}) => ({
  registrationId: r.registrationId, workshopId: r.workshop.workshopId, workshopTitle: r.workshop.title, startsAt: '2026-06-10T07:30:00.000Z',
  attendeeEmail: r.attendeeEmail, companyId: r.companyId, status, version, ...extra,
});
const subjectOf = (r: Registration) => `workshops/${r.workshop.workshopId}/registrations/${r.registrationId}`;

export const registrationConfirmed = (r: Registration, time: string) =>
  eventAt(WORKSHOPS_EVENTS.registrationConfirmed, time, subjectOf(r), fact(r, 1, 'confirmed') as RegistrationFact);

export const registrationWaitlisted = (r: Registration, time: string, position = 1) =>
  eventAt(WORKSHOPS_EVENTS.registrationWaitlisted, time, subjectOf(r), fact(r, 1, 'waitlisted', { position }) as RegistrationFact);

export const waitlistPromoted = (r: Registration, time: string, version = 2) =>
  eventAt(WORKSHOPS_EVENTS.waitlistPromoted, time, subjectOf(r), fact(r, version, 'confirmed') as RegistrationFact);

export const registrationCancelled = (r: Registration, time: string, version = 2) =>
  eventAt(WORKSHOPS_EVENTS.registrationCancelled, time, subjectOf(r), fact(r, version, 'confirmed', { reason: 'attendee' }) as RegistrationCancelled);

export interface Idea {
  ideaId: string;
  clusterId: string;
  author: Person;
}

export const idea = (author: Person): Idea => ({ ideaId: uniqueName('i'), clusterId: uniqueName('c'), author });

const ideaFact = (i: Idea, version: number) => ({
  ideaId: i.ideaId, clusterId: i.clusterId, clusterName: 'Grappe Cadrans', title: 'Cadran en émail grand feu',
  authorId: i.author.personId, authorEmail: i.author.email, version,
});

export const ideaPosted = (i: Idea, time: string, coordinatorCompanyId?: string) =>
  eventAt(IDEAS_EVENTS.ideaPosted, time, `clusters/${i.clusterId}/ideas/${i.ideaId}`, {
    ...ideaFact(i, 1), kind: 'innovation', neededCapabilities: ['dials'], authorCompanyId: i.author.companyId, coordinatorCompanyId, postedAt: time,
  } as IdeaPosted);

export const interestExpressed = (i: Idea, time: string, companyId: string, version = 2) =>
  eventAt(IDEAS_EVENTS.interestExpressed, time, `clusters/${i.clusterId}/ideas/${i.ideaId}`, {
    ...ideaFact(i, version), companyId, companyName: 'Émaux Alpha', expressedAt: time,
  } as InterestExpressed);

export interface Project {
  projectId: string;
  clusterId: string;
  partnerCompanyIds: string[];
}

export const project = (partnerCompanyIds: string[]): Project => ({ projectId: uniqueName('pr'), clusterId: uniqueName('c'), partnerCompanyIds });

const projectSnapshot = (p: Project, version: number, status: ProjectStatus, previousStatus?: ProjectStatus): ProjectSnapshot => ({
  projectId: p.projectId, clusterId: p.clusterId, clusterName: 'Grappe Cadrans', title: 'Four partagé', kind: 'process', status,
  ...(previousStatus ? { previousStatus } : {}), partnerCompanyIds: p.partnerCompanyIds, formerPartnerCompanyIds: [], version,
});

export const projectLaunched = (p: Project, time: string) =>
  eventAt(PROJECTS_EVENTS.projectLaunched, time, `clusters/${p.clusterId}/projects/${p.projectId}`, projectSnapshot(p, 1, 'proposed'));

/** `previousStatus` when the change moved the status; a change of milestones or title has none. */
export const projectUpdated = (p: Project, time: string, version: number, status: ProjectStatus, previousStatus?: ProjectStatus) =>
  eventAt(PROJECTS_EVENTS.projectUpdated, time, `clusters/${p.clusterId}/projects/${p.projectId}`, projectSnapshot(p, version, status, previousStatus));
