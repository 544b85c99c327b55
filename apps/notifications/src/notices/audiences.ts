import {
  CLUSTERS_EVENTS, CompanyJoinedCluster, EventDefinition, EventEnvelope, IDEAS_EVENTS, IdeaPosted, InterestExpressed, MEMBERS_EVENTS,
  MembershipFact, PROJECTS_EVENTS, ProjectSnapshot, RegistrationFact, WORKSHOPS_EVENTS, WorkshopCancelled, WorkshopSnapshot,
} from '@grappes/contracts';

/** A group of people an event concerns, before it is turned into facts (`Address`) when the event is handled. */
export type Audience =
  | { staff: true }
  /** The company-admins of the cluster's coordinating company. */
  | { coordinatorOf: string }
  | { peopleOf: string }
  | { adminsOf: string }
  /** The people of the cluster's member companies; of every member company when the workshop is open to all. */
  | { peopleOfCluster: string | undefined }
  | { emails: string[] }
  /** Whoever holds a registration (confirmed or waitlisted) to the workshop when the event happens. */
  | { registrantsOf: string };

/** One message of an event (`kind`) and who receives it. */
export interface Addressing {
  kind: string;
  to: Audience[];
  /** E-mails never reached by this message (they receive another one of the same event). */
  except?: string[];
  /** Only people added by then; the event's time unless said. */
  at?: string;
}

const STAFF = { staff: true } as const;

/** The attendee, by e-mail, and the admins of their company (the attendee excepted, who is told as such). */
const attendeeAndAdmins = (d: RegistrationFact): Addressing[] => [
  { kind: 'attendee', to: [{ emails: [d.attendeeEmail] }] },
  { kind: 'company', to: [{ adminsOf: d.companyId }], except: [d.attendeeEmail] },
];

const staffAndCoordinator = (d: MembershipFact): Addressing[] => [{ kind: 'notice', to: [STAFF, { coordinatorOf: d.clusterId }] }];

/** The people of the project's current partner companies (former partners are no longer told). */
const partners = (d: ProjectSnapshot): Addressing[] => [{ kind: 'partner', to: d.partnerCompanyIds.map((companyId) => ({ peopleOf: companyId })) }];

function entry<D>(def: EventDefinition<D>, addressing: (data: D) => Addressing[]) {
  return [def.type, addressing as (data: unknown) => Addressing[]] as const;
}

/**
 * Who hears of each event: the table the README's "Who is notified" repeats.
 * Events not listed here concern no one in particular.
 */
export const AUDIENCES = new Map<string, (data: unknown) => Addressing[]>([
  entry(CLUSTERS_EVENTS.companyJoinedCluster, (d: CompanyJoinedCluster) => [
    ...staffAndCoordinator(d),
    // The people the company had when it joined, whenever their own event arrives.
    { kind: 'welcome', to: [{ peopleOf: d.companyId }], at: d.joinedAt },
  ]),
  entry(CLUSTERS_EVENTS.companyLeftCluster, staffAndCoordinator),
  entry(CLUSTERS_EVENTS.joinRequested, staffAndCoordinator),
  entry(CLUSTERS_EVENTS.joinRejected, (d) => [{ kind: 'notice', to: [{ peopleOf: d.companyId }] }]),
  entry(WORKSHOPS_EVENTS.workshopScheduled, (d: WorkshopSnapshot) => [{ kind: 'notice', to: [{ peopleOfCluster: d.clusterId }] }]),
  entry(WORKSHOPS_EVENTS.workshopRescheduled, (d: WorkshopSnapshot) => [{ kind: 'registrant', to: [{ registrantsOf: d.workshopId }] }]),
  entry(WORKSHOPS_EVENTS.workshopCancelled, (d: WorkshopCancelled) => [
    { kind: 'registrant', to: [{ emails: d.attendees.map((a) => a.attendeeEmail) }] },
  ]),
  entry(WORKSHOPS_EVENTS.registrationConfirmed, attendeeAndAdmins),
  entry(WORKSHOPS_EVENTS.registrationWaitlisted, attendeeAndAdmins),
  entry(WORKSHOPS_EVENTS.waitlistPromoted, attendeeAndAdmins),
  entry(WORKSHOPS_EVENTS.registrationCancelled, attendeeAndAdmins),
  // The coordinator the event names (the one of the moment it was posted), not the author if they are one of its admins.
  entry(IDEAS_EVENTS.ideaPosted, (d: IdeaPosted) =>
    d.coordinatorCompanyId ? [{ kind: 'notice', to: [{ adminsOf: d.coordinatorCompanyId }], except: [d.authorEmail] }] : []),
  entry(IDEAS_EVENTS.interestExpressed, (d: InterestExpressed) => [{ kind: 'author', to: [{ emails: [d.authorEmail] }] }]),
  entry(PROJECTS_EVENTS.projectLaunched, partners),
  // A change of title or milestones is not news; a change of status is.
  entry(PROJECTS_EVENTS.projectUpdated, (d: ProjectSnapshot) => (d.previousStatus ? partners(d) : [])),
  entry(MEMBERS_EVENTS.companySuspended, () => [{ kind: 'notice', to: [STAFF] }]),
  entry(MEMBERS_EVENTS.companyDeactivated, () => [{ kind: 'notice', to: [STAFF] }]),
]);

/** The messages of an event and their audiences; none for an event that concerns no one. */
export function addressingOf(event: EventEnvelope): Addressing[] {
  return AUDIENCES.get(event.type)?.(event.data) ?? [];
}

/** `grappes.workshops.registration-confirmed.v1` → `registration-confirmed`: a notification's type. */
export function notificationTypeOf(event: Pick<EventEnvelope, 'type'>): string {
  return event.type.replace(/^grappes\.[a-z-]+\.|\.v\d+$/g, '');
}
