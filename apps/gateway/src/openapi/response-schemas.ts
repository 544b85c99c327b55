import { OpenAPIObject } from '@nestjs/swagger';
import {
  ADMISSION_MODES, CATEGORIES, DIGEST_MODES, IDEA_STATUSES, MEMBERSHIP_STATUSES, MEMBER_ROLES, NAF_NOMENCLATURES, PROJECT_KINDS, PROJECT_STATUSES,
  REGISTRATION_STATUSES, ROLES, THEMES,
} from '@grappes/contracts';

/**
 * The bodies of successful answers, as JSON Schema, written from the views of
 * `libs/contracts` (interfaces, which Swagger cannot read). Fields a client
 * may rely on are required; a field added later breaks nothing.
 */
type Schema = Record<string, unknown>;
const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const str: Schema = { type: 'string' };
const int: Schema = { type: 'integer', minimum: 0 };
const time: Schema = { type: 'string', format: 'date-time' };
const bool: Schema = { type: 'boolean' };
const oneOf = (values: readonly string[]): Schema => ({ type: 'string', enum: [...values] });
const list = (items: Schema): Schema => ({ type: 'array', items });
function object(required: Record<string, Schema>, optional: Record<string, Schema> = {}): Schema {
  return { type: 'object', required: Object.keys(required), properties: { ...required, ...optional } };
}
const page = (item: string, extra: Record<string, Schema> = {}): Schema =>
  object({ items: list(ref(item)), total: int, page: { type: 'integer', minimum: 1 }, limit: { type: 'integer', minimum: 1 }, ...extra });

const theme = oneOf(THEMES);
const seats = object({ capacity: int, confirmed: int, waitlisted: int });
const countOf = (keys: readonly string[]): Schema => object(Object.fromEntries(keys.map((k) => [k, int])));
const innovationCounts = { ideas: int, projectsByStatus: countOf(PROJECT_STATUSES), projectsByKind: countOf(PROJECT_KINDS), overdueMilestones: int };

export const RESPONSE_SCHEMAS: Record<string, Schema> = {
  Principal: object({ id: str, email: str, roles: list(oneOf(ROLES)) }, { companyId: str, locale: str }),
  LoginAnswer: object({ accessToken: str, tokenType: { type: 'string', enum: ['Bearer'] }, expiresIn: int, refreshToken: str, refreshExpiresAt: time }),
  CompanyView: object(
    {
      id: str, name: str, siren: str, category: oneOf(CATEGORIES), capabilities: list(theme), region: str,
      establishments: list(object({ siret: str }, { city: str })), status: oneOf(MEMBERSHIP_STATUSES), createdAt: time, updatedAt: time,
    },
    { city: str, headcount: int, annualRevenueEur: int, website: str, description: str, nafCode: str, nafNomenclature: oneOf(NAF_NOMENCLATURES) },
  ),
  CompanyPage: page('CompanyView'),
  PersonView: object({ id: str, email: str, firstName: str, lastName: str, role: oneOf(ROLES) }, { companyId: str }),
  PersonList: list(ref('PersonView')),
  Suggestions: object({
    clusters: list(object({ clusterId: str, name: str, theme, reason: str })),
    partners: list(object({ companyId: str, name: str, category: oneOf(CATEGORIES), capabilities: list(theme), region: str, reason: str })),
  }),
  ClusterView: object(
    { id: str, name: str, theme, admission: oneOf(ADMISSION_MODES), memberCount: int, createdAt: time },
    { description: str, coordinatorCompanyId: str },
  ),
  ClusterPage: page('ClusterView'),
  ClusterDetail: {
    allOf: [
      ref('ClusterView'),
      object(
        { members: list(object({ companyId: str, companyName: str, role: oneOf(MEMBER_ROLES), joinedAt: time })) },
        { pendingRequests: list(object({ companyId: str, companyName: str, requestedAt: time })) },
      ),
    ],
  },
  JoinOutcome: object({ status: oneOf(['joined', 'pending', 'rejected']) }),
  ProjectView: object(
    {
      id: str, clusterId: str, title: str, kind: oneOf(PROJECT_KINDS), status: oneOf(PROJECT_STATUSES), partnerCompanyIds: list(str),
      partners: list(object({ companyId: str, companyName: str, former: bool })),
      milestones: list(object({ id: str, title: str, dueAt: time, done: bool })), createdAt: time, updatedAt: time,
    },
    { description: str, ideaId: str },
  ),
  ProjectPage: page('ProjectView'),
  IdeaView: object(
    {
      id: str, clusterId: str, title: str, kind: oneOf(PROJECT_KINDS), description: str, neededCapabilities: list(theme),
      status: oneOf(IDEA_STATUSES), authorId: str, authorEmail: str,
      interests: list(object({ companyId: str, companyName: str, expressedAt: time })),
      comments: list(object({ id: str, authorId: str, authorEmail: str, text: str, postedAt: time }, { companyId: str })),
      lastActivityAt: time, createdAt: time,
    },
    { authorCompanyId: str, projectId: str },
  ),
  IdeaPage: page('IdeaView'),
  IdeaSuggestions: object({
    ideaId: str, neededCapabilities: list(theme),
    partners: list(object({
      companyId: str, name: str, category: oneOf(CATEGORIES), capabilities: list(theme), region: str, covers: list(theme), inCluster: bool, reason: str,
    })),
  }),
  WorkshopView: object(
    {
      id: str, title: str, theme, startsAt: time, endsAt: time, location: str, capacity: { type: 'integer', minimum: 1 },
      status: oneOf(['scheduled', 'cancelled']), seats, sequence: int,
    },
    { clusterId: str, description: str },
  ),
  WorkshopPage: page('WorkshopView'),
  RegistrationOutcome: object({ id: str, status: oneOf(REGISTRATION_STATUSES) }, { position: { type: 'integer', minimum: 1 } }),
  RegistrationPage: page('RegistrationView'),
  RegistrationView: object(
    { id: str, status: oneOf(REGISTRATION_STATUSES), attendeeEmail: str, companyId: str },
    { position: { type: 'integer', minimum: 1 }, attended: bool },
  ),
  AttendanceOutcome: object({ attended: int }),
  NotificationView: object({ id: str, type: str, title: str, body: str, data: { type: 'object' }, createdAt: time }, { readAt: time }),
  Inbox: page('NotificationView', { unreadCount: int }),
  CalendarToken: object({ token: str, path: str, url: str }),
  Stats: object({
    companies: int, headcount: int,
    byCategory: list(object({ key: str, companies: int, headcount: int }, { annualRevenueEur: int })),
    byRegion: list(object({ key: str, companies: int, headcount: int }, { annualRevenueEur: int })),
    clusters: list(object({ id: str, name: str, theme, memberCount: int })),
    upcomingWorkshops: object({ total: int, next: list(object({ id: str, title: str, theme, startsAt: time, seats }, { clusterId: str })) }),
    workshopAttendance: list(object({ clusterId: { type: 'string', nullable: true }, workshops: int, attended: int })),
    innovation: object({ ...innovationCounts, byCluster: list(object({ clusterId: str, ...innovationCounts })) }),
  }, { annualRevenueEur: int }),
  Live: object({ status: oneOf(['ok']) }),
  Pong: object({ service: str, status: oneOf(['ok']) }),
  StreamTicket: object({ ticket: str, expiresIn: int }),
  Preferences: object({ email: { type: 'object', additionalProperties: bool }, digest: oneOf(DIGEST_MODES) }),
  WebhookView: object({ id: str, url: str, events: list(str), createdAt: time, createdBy: str }),
  WebhookPage: page('WebhookView'),
  WebhookDelivery: object(
    { id: str, eventId: str, event: str, status: oneOf(['pending', 'sent', 'failed']), attempts: int, createdAt: time },
    { lastError: str, nextAttemptAt: time, deliveredAt: time },
  ),
  WebhookDeliveries: page('WebhookDelivery'),
  AuditEntry: object(
    {
      id: str, kind: oneOf(['request', 'event']), at: time, action: str, targets: list(str), correlationId: str,
      outcome: object({}, { status: { type: 'integer', minimum: 100 }, code: str }),
    },
    { actor: object({ personId: str, email: str }, { companyId: str }), causationId: str },
  ),
  AuditPage: page('AuditEntry'),
  Ready: object({ status: oneOf(['ok']), checks: { type: 'object', additionalProperties: oneOf(['up', 'down']) } }),
};

/** Each route's success answers: `METHOD /path` as the document names it, status, schema. */
const ROUTE_RESPONSES: Record<string, Record<number, string>> = {
  'post /api/v1/auth/login': { 200: 'LoginAnswer' },
  'post /api/v1/auth/refresh': { 200: 'LoginAnswer' },
  'get /api/v1/me': { 200: 'Principal' },
  'get /api/v1/me/calendar-token': { 200: 'CalendarToken' },
  'post /api/v1/me/calendar-token': { 200: 'CalendarToken' },
  'get /api/v1/health/live': { 200: 'Live' },
  'get /api/v1/ping': { 200: 'Pong' },
  'patch /api/v1/me': { 200: 'Principal' },
  'post /api/v1/notifications/stream-ticket': { 200: 'StreamTicket' },
  'get /api/v1/notifications/preferences': { 200: 'Preferences' },
  'put /api/v1/notifications/preferences': { 200: 'Preferences' },
  'post /api/v1/webhooks': { 201: 'WebhookView' },
  'get /api/v1/webhooks': { 200: 'WebhookPage' },
  'get /api/v1/webhooks/{id}/deliveries': { 200: 'WebhookDeliveries' },
  'get /api/v1/health/ready': { 200: 'Ready' },
  'get /api/v1/stats': { 200: 'Stats' },
  'get /api/v1/audit': { 200: 'AuditPage' },
  'post /api/v1/companies': { 201: 'CompanyView' },
  'get /api/v1/companies': { 200: 'CompanyPage' },
  'get /api/v1/companies/{id}': { 200: 'CompanyView' },
  'patch /api/v1/companies/{id}': { 200: 'CompanyView' },
  'post /api/v1/companies/{id}/deactivate': { 200: 'CompanyView' },
  'post /api/v1/companies/{id}/suspend': { 200: 'CompanyView' },
  'post /api/v1/companies/{id}/reactivate': { 200: 'CompanyView' },
  'post /api/v1/companies/{id}/people': { 201: 'PersonView' },
  'get /api/v1/companies/{id}/people': { 200: 'PersonList' },
  'get /api/v1/companies/{id}/suggestions': { 200: 'Suggestions' },
  'post /api/v1/clusters': { 201: 'ClusterView' },
  'get /api/v1/clusters': { 200: 'ClusterPage' },
  'get /api/v1/clusters/{id}': { 200: 'ClusterDetail' },
  'post /api/v1/clusters/{id}/members': { 201: 'JoinOutcome', 202: 'JoinOutcome' },
  'post /api/v1/clusters/{id}/members/{companyId}/approve': { 200: 'JoinOutcome' },
  'post /api/v1/clusters/{id}/members/{companyId}/reject': { 200: 'JoinOutcome' },
  'post /api/v1/clusters/{id}/projects': { 201: 'ProjectView' },
  'get /api/v1/clusters/{id}/projects': { 200: 'ProjectPage' },
  'patch /api/v1/clusters/{id}/projects/{projectId}': { 200: 'ProjectView' },
  'post /api/v1/clusters/{id}/ideas': { 201: 'IdeaView' },
  'get /api/v1/clusters/{id}/ideas': { 200: 'IdeaPage' },
  'get /api/v1/clusters/{id}/ideas/{ideaId}/suggestions': { 200: 'IdeaSuggestions' },
  'post /api/v1/clusters/{id}/ideas/{ideaId}/comments': { 201: 'IdeaView' },
  'post /api/v1/clusters/{id}/ideas/{ideaId}/interest': { 201: 'IdeaView' },
  'post /api/v1/clusters/{id}/ideas/{ideaId}/close': { 200: 'IdeaView' },
  'post /api/v1/clusters/{id}/ideas/{ideaId}/launch': { 201: 'ProjectView' },
  'post /api/v1/workshops': { 201: 'WorkshopView' },
  'get /api/v1/workshops': { 200: 'WorkshopPage' },
  'get /api/v1/workshops/{id}': { 200: 'WorkshopView' },
  'patch /api/v1/workshops/{id}': { 200: 'WorkshopView' },
  'post /api/v1/workshops/{id}/cancel': { 200: 'WorkshopView' },
  'post /api/v1/workshops/{id}/registrations': { 201: 'RegistrationOutcome' },
  'get /api/v1/workshops/{id}/registrations': { 200: 'RegistrationPage' },
  'post /api/v1/workshops/{id}/attendance': { 200: 'AttendanceOutcome' },
  'get /api/v1/notifications': { 200: 'Inbox' },
  'post /api/v1/notifications/{id}/read': { 200: 'NotificationView' },
};

/** Answers that are not JSON: calendars, the live stream, and removals answering 204 without a body. */
const NOT_JSON = new Set(['text/calendar', 'text/event-stream']);
const CALENDARS = /(\.ics|\/calendar\/\{file\})$/;

/** Puts each success answer's schema in the document; a JSON success answer left without one is an error at start-up. */
export function withResponseSchemas(document: OpenAPIObject): OpenAPIObject {
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...RESPONSE_SCHEMAS } };
  const missing: string[] = [];
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations as Record<string, { responses?: Record<string, Schema>; produces?: string[] }>)) {
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        if (!/^2\d\d$/.test(status) || status === '204') continue;
        const produced = Object.keys((response.content as Record<string, unknown> | undefined) ?? {});
        if (produced.some((type) => NOT_JSON.has(type)) || CALENDARS.test(path)) continue;
        const schema = ROUTE_RESPONSES[`${method} ${path}`]?.[Number(status)];
        if (!schema) missing.push(`${method.toUpperCase()} ${path} ${status}`);
        else response.content = { 'application/json': { schema: ref(schema) } };
      }
    }
  }
  if (missing.length) throw new Error(`OpenAPI: no response schema for ${missing.join(', ')}`);
  return document;
}
