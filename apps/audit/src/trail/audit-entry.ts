import { AuditEntryView, EventEnvelope, RequestCompleted } from '@grappes/contracts';

const DAY_MS = 24 * 3600_000;

/** An entry of the trail as stored: its `_id` is the id of the event it records, so a redelivery writes nothing new. */
export type AuditEntryRecord = Omit<AuditEntryView, 'id' | 'at'> & {
  _id: string;
  at: Date;
  /** When the database removes it (a TTL index): its time plus the retention of when it was written. */
  expiresAt: Date;
};

/** The kind of the thing an id names, by the id's name: `companyId` is a company's. */
const KIND_OF_ID: Record<string, string> = {
  companyId: 'companies',
  clusterId: 'clusters',
  personId: 'people',
  workshopId: 'workshops',
  registrationId: 'registrations',
  projectId: 'projects',
  ideaId: 'ideas',
};
/** Path segments that name a kind by another word: the members of a cluster are companies. */
const KIND_OF_SEGMENT: Record<string, string> = { members: 'companies' };

const kindOfSegment = (segment: string) => KIND_OF_SEGMENT[segment] ?? segment;

/**
 * What a request acted on, from its route pattern and the ids in its path:
 * `/clusters/:id/members/:companyId/approve` with its ids gives
 * `clusters/<id>` and `companies/<companyId>`. A route on no id names its
 * kind (`POST /companies` → `companies`); one on the caller (`/me…`) names them.
 */
export function targetsOfRoute(route: string, params: Record<string, string>, actorId?: string): string[] {
  const segments = route.split('/').filter(Boolean);
  if (segments[0] === 'me') return actorId ? [`people/${actorId}`] : ['people'];
  const targets = segments.flatMap((segment, i) => {
    if (!segment.startsWith(':')) return [];
    const name = segment.slice(1);
    const value = params[name];
    const kind = KIND_OF_ID[name] ?? (i > 0 ? kindOfSegment(segments[i - 1]) : undefined);
    return value && kind ? [`${kind}/${value}`] : [];
  });
  return targets.length ? unique(targets) : segments.slice(0, 1);
}

/**
 * What an event is about: the pairs of its aggregate subject
 * (`clusters/<id>/members/<companyId>` → `clusters/<id>`, `companies/<companyId>`)
 * and the ids its data names (`companyId`, `clusterId`, `personId`…).
 */
export function targetsOfEvent(subject: string, data: unknown): string[] {
  const segments = subject.split('/');
  const fromSubject: string[] = [];
  for (let i = 0; i + 1 < segments.length; i += 2) fromSubject.push(`${kindOfSegment(segments[i])}/${segments[i + 1]}`);
  const fields = (data ?? {}) as Record<string, unknown>;
  const fromData = Object.entries(KIND_OF_ID).flatMap(([field, kind]) => (typeof fields[field] === 'string' ? [`${kind}/${fields[field]}`] : []));
  return unique([...fromSubject, ...fromData]);
}

function expiryOf(at: Date, retentionDays: number): Date {
  return new Date(at.getTime() + retentionDays * DAY_MS);
}

/** The gateway's record of a request: who, the route and its ids, the outcome. */
export function entryOfRequest(event: EventEnvelope<RequestCompleted>, retentionDays: number): AuditEntryRecord {
  const { method, route, params, actorId, actorEmail, actorCompanyId, receivedAt, status, code } = event.data;
  // When it was asked: the events it caused happened after that, and list above it.
  const at = new Date(receivedAt);
  return {
    _id: event.id,
    kind: 'request',
    at,
    action: `${method} ${route}`,
    targets: targetsOfRoute(route, params, actorId),
    ...(actorId && actorEmail ? { actor: { personId: actorId, email: actorEmail.toLowerCase(), ...(actorCompanyId ? { companyId: actorCompanyId } : {}) } } : {}),
    correlationId: event.correlationid,
    outcome: { status, ...(code ? { code } : {}) },
    expiresAt: expiryOf(at, retentionDays),
  };
}

/** A fact that happened: its type is the action; its actor is the request's that caused it (added when both are known). */
export function entryOfEvent(event: EventEnvelope, retentionDays: number): AuditEntryRecord {
  const at = new Date(event.time);
  return {
    _id: event.id,
    kind: 'event',
    at,
    action: event.type,
    targets: targetsOfEvent(event.subject, event.data),
    correlationId: event.correlationid,
    ...(event.causationid ? { causationId: event.causationid } : {}),
    outcome: {},
    expiresAt: expiryOf(at, retentionDays),
  };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
