import { randomBytes } from 'node:crypto';
import { waitFor } from '@grappes/testing';
import { ApiClient } from './support/client';
import { siren } from './support/identifiers';
import { ADMIN } from './support/platform';
import { usePlatform } from './support/use-platform';
import { signAccessToken } from './support/tokens';

/**
 * Who may call what: every route the gateway serves, called by each kind of
 * caller. A cell is the exact status, or `ok`: let through (neither 401 nor
 * 403, and no 5xx) — the answer then depends on the state left by earlier
 * callers (a second approval finds no request: 404), not on who asks.
 */
const CALLERS = ['none', 'expired', 'revoked', 'otherAdmin', 'member', 'coordinator', 'staff'] as const;
type Caller = (typeof CALLERS)[number];
type Cell = number | 'ok';

interface Ids { [name: string]: string }
interface Row {
  path: (ids: Ids) => string;
  body?: (ids: Ids, caller: Caller) => unknown | Promise<unknown>;
  /** Cells left out are 401 for callers without valid access, 403 for the others. */
  expect: Partial<Record<Caller, Cell>>;
}

const PASSWORD = 'matrix-password-1';
const SECRET = randomBytes(32).toString('hex');
const signedIn: Partial<Record<Caller, Cell>> = { otherAdmin: 'ok', member: 'ok', coordinator: 'ok', staff: 'ok' };
const anyone = (status: Cell): Partial<Record<Caller, Cell>> => Object.fromEntries(CALLERS.map((c) => [c, status]));
const inAWeek = (hours: number) => new Date(Date.now() + 7 * 86_400_000 + hours * 3_600_000).toISOString();
let serial = 0;
const unique = () => `${Date.now().toString(36)}${++serial}`;
const company = (name: string, eightDigits: string) => ({
  name, siren: siren(eightDigits), category: 'components-and-microtechnics', capabilities: ['cases'], region: 'Bourgogne-Franche-Comté',
});
const workshop = (clusterId: string) => ({
  title: 'Atelier carrures', theme: 'cases', clusterId, startsAt: inAWeek(0), endsAt: inAWeek(3), location: 'Morteau', capacity: 20,
});

/** The table: one row per route, `METHOD /path` as the OpenAPI document names it (`:id` for `{id}`). */
const ROUTES: Record<string, Row> = {
  'GET /health/live': { path: () => '/health/live', expect: anyone(200) },
  'GET /health/ready': { path: () => '/health/ready', expect: anyone(200) },
  'POST /auth/login': { path: () => '/auth/login', body: () => ({ email: ADMIN.email, password: ADMIN.password }), expect: anyone(200) },
  'POST /auth/refresh': { path: () => '/auth/refresh', body: () => ({ refreshToken: 'never-issued-refresh-token-0123456789' }), expect: anyone(401) },
  'GET /me': { path: () => '/me', expect: signedIn },
  'GET /ping': { path: () => '/ping', expect: signedIn },
  'GET /me/calendar-token': { path: () => '/me/calendar-token', expect: signedIn },
  'POST /me/calendar-token': { path: () => '/me/calendar-token', expect: signedIn },
  'GET /calendar/:file': { path: () => `/calendar/${'x'.repeat(43)}.ics`, expect: anyone(404) },
  'GET /stats': { path: () => '/stats', expect: signedIn },

  'POST /companies': { path: () => '/companies', body: () => company(`Maison ${unique()}`, `5${String(serial).padStart(7, '0')}`), expect: { staff: 201 } },
  'GET /companies': { path: () => '/companies', expect: signedIn },
  'GET /companies/:id': { path: (i) => `/companies/${i.M}`, expect: signedIn },
  'PATCH /companies/:id': { path: (i) => `/companies/${i.M}`, body: () => ({ city: 'Morteau' }), expect: { staff: 200 } },
  'GET /companies/:id/people': { path: (i) => `/companies/${i.M}/people`, expect: { member: 'ok', staff: 'ok' } },
  'POST /companies/:id/people': {
    path: (i) => `/companies/${i.M}/people`,
    body: () => ({ email: `new-${unique()}@m.example`, firstName: 'Léon', lastName: 'Roy', role: 'member', password: PASSWORD }),
    expect: { staff: 201 },
  },
  'DELETE /companies/:id/people/:personId': { path: (i) => `/companies/${i.M}/people/${i.throwawayPerson}`, expect: { staff: 204 } },
  'GET /companies/:id/suggestions': { path: (i) => `/companies/${i.M}/suggestions`, expect: { member: 'ok', staff: 'ok' } },
  'POST /companies/:id/suspend': { path: (i) => `/companies/${i.T}/suspend`, expect: { staff: 200 } },
  'POST /companies/:id/reactivate': { path: (i) => `/companies/${i.T}/reactivate`, expect: { staff: 200 } },
  'POST /companies/:id/deactivate': { path: (i) => `/companies/${i.T}/deactivate`, expect: { staff: 200 } },

  'POST /clusters': { path: () => '/clusters', body: () => ({ name: `Grappe ${unique()}`, theme: 'cases', admission: 'open' }), expect: { staff: 201 } },
  'GET /clusters': { path: () => '/clusters', expect: signedIn },
  'GET /clusters/:id': { path: (i) => `/clusters/${i.K}`, expect: signedIn },
  'POST /clusters/:id/members': { path: (i) => `/clusters/${i.K}/members`, body: (i) => ({ companyId: i.M }), expect: { member: 409, staff: 409 } },
  'POST /clusters/:id/members/:companyId/approve': { path: (i) => `/clusters/${i.K}/members/${i.J1}/approve`, expect: { coordinator: 200, staff: 404 } },
  'POST /clusters/:id/members/:companyId/reject': { path: (i) => `/clusters/${i.K}/members/${i.J2}/reject`, expect: { coordinator: 'ok', staff: 404 } },
  'DELETE /clusters/:id/members/:companyId': { path: (i) => `/clusters/${i.K}/members/${i.L}`, expect: { coordinator: 204, staff: 404 } },
  'GET /clusters/:id/calendar.ics': { path: (i) => `/clusters/${i.K}/calendar.ics`, expect: signedIn },

  'POST /clusters/:id/projects': {
    path: (i) => `/clusters/${i.K}/projects`, body: (i) => ({ title: 'Carrure titane', kind: 'product', partnerCompanyIds: [i.M] }),
    expect: { coordinator: 201, staff: 201 },
  },
  'GET /clusters/:id/projects': { path: (i) => `/clusters/${i.K}/projects`, expect: { member: 200, coordinator: 200, staff: 200 } },
  'PATCH /clusters/:id/projects/:projectId': {
    path: (i) => `/clusters/${i.K}/projects/${i.P}`, body: () => ({ description: `revu ${unique()}` }), expect: { coordinator: 200, staff: 200 },
  },

  'POST /clusters/:id/ideas': {
    path: (i) => `/clusters/${i.K}/ideas`, body: () => ({ title: 'Lunette céramique', kind: 'innovation', description: 'd', neededCapabilities: ['cases'] }),
    expect: { member: 201, coordinator: 201, staff: 201 },
  },
  'GET /clusters/:id/ideas': { path: (i) => `/clusters/${i.K}/ideas`, expect: { member: 200, coordinator: 200, staff: 200 } },
  'GET /clusters/:id/ideas/:ideaId/suggestions': { path: (i) => `/clusters/${i.K}/ideas/${i.I}/suggestions`, expect: { member: 200, coordinator: 200, staff: 200 } },
  'POST /clusters/:id/ideas/:ideaId/comments': { path: (i) => `/clusters/${i.K}/ideas/${i.I}/comments`, body: () => ({ text: 'Oui' }), expect: { member: 201, coordinator: 201, staff: 201 } },
  // An interest is a company's: staff, of none, have none to express.
  'POST /clusters/:id/ideas/:ideaId/interest': { path: (i) => `/clusters/${i.K}/ideas/${i.I}/interest`, expect: { member: 'ok', coordinator: 'ok' } },
  'DELETE /clusters/:id/ideas/:ideaId/interest': { path: (i) => `/clusters/${i.K}/ideas/${i.I}/interest`, expect: { member: 'ok', coordinator: 'ok' } },
  'POST /clusters/:id/ideas/:ideaId/close': { path: (i) => `/clusters/${i.K}/ideas/${i.I2}/close`, expect: { coordinator: 200, staff: 'ok' } },
  'POST /clusters/:id/ideas/:ideaId/launch': { path: (i) => `/clusters/${i.K}/ideas/${i.I3}/launch`, expect: { coordinator: 'ok', staff: 'ok' } },

  'POST /workshops': { path: () => '/workshops', body: (i) => workshop(i.K), expect: { coordinator: 201, staff: 201 } },
  'GET /workshops': { path: () => '/workshops', expect: signedIn },
  'GET /workshops/:id': { path: (i) => `/workshops/${i.W}`, expect: signedIn },
  'PATCH /workshops/:id': { path: (i) => `/workshops/${i.W}`, body: () => ({ location: `Salle ${unique()}` }), expect: { coordinator: 200, staff: 200 } },
  'POST /workshops/:id/cancel': { path: (i) => `/workshops/${i.W2}/cancel`, expect: { coordinator: 'ok', staff: 'ok' } },
  'GET /workshops/:id/calendar.ics': { path: (i) => `/workshops/${i.W}/calendar.ics`, expect: signedIn },
  'POST /workshops/:id/registrations': {
    path: (i) => `/workshops/${i.W}/registrations`, body: (i) => ({ attendeeEmail: `a-${unique()}@m.example`, companyId: i.M }),
    expect: { member: 201, staff: 201 },
  },
  'GET /workshops/:id/registrations': { path: (i) => `/workshops/${i.W}/registrations`, expect: signedIn },
  'DELETE /workshops/:id/registrations/:registrationId': { path: (i) => `/workshops/${i.W}/registrations/${i.R}`, expect: { member: 204, staff: 'ok' } },
  'POST /workshops/:id/attendance': { path: (i) => `/workshops/${i.W}/attendance`, body: () => ({ registrationIds: [] }), expect: { coordinator: 'ok', staff: 'ok' } },

  'GET /notifications': { path: () => '/notifications', expect: signedIn },
  'GET /notifications/stream': { path: () => '/notifications/stream', expect: signedIn },
  'POST /notifications/stream-ticket': { path: () => '/notifications/stream-ticket', expect: signedIn },
  'GET /notifications/preferences': { path: () => '/notifications/preferences', expect: signedIn },
  'PUT /notifications/preferences': { path: () => '/notifications/preferences', body: () => ({ email: {}, digest: 'immediate' }), expect: signedIn },
  'PATCH /me': { path: () => '/me', body: () => ({ locale: 'fr' }), expect: signedIn },
  'POST /webhooks': {
    path: () => '/webhooks',
    // Loopback (allowed outside production): nothing here may reach out of this machine.
    body: () => ({ url: 'http://127.0.0.1:9/grappes', events: ['company-joined-cluster'], secret: 'a-webhook-secret-of-32-characters!' }),
    expect: { staff: 201 },
  },
  'GET /webhooks': { path: () => '/webhooks', expect: { staff: 200 } },
  'GET /webhooks/:id/deliveries': { path: () => '/webhooks/no-such-webhook/deliveries', expect: { staff: 404 } },
  'DELETE /webhooks/:id': { path: () => '/webhooks/no-such-webhook', expect: { staff: 404 } },
  'GET /audit': { path: (i) => `/audit?target=companies/${i.M}`, expect: { staff: 200 } },
  'POST /notifications/:id/read': { path: (i) => `/notifications/${i.N}/read`, expect: { otherAdmin: 404, member: 404, coordinator: 404, staff: 200 } },
  // Last: it ends the sessions of those who sign out.
  'POST /auth/logout': { path: () => '/auth/logout', expect: signedIn },
};

const PUBLIC_WITHOUT_OPENAPI = ['GET /docs', 'GET /docs-json'];

function expected(row: Row, caller: Caller): Cell {
  const cell = row.expect[caller];
  if (cell !== undefined) return cell;
  return ['none', 'expired', 'revoked'].includes(caller) ? 401 : 403;
}

function matches(status: number, cell: Cell): boolean {
  return cell === 'ok' ? ![401, 403].includes(status) && status < 500 : status === cell;
}

/** Those refused first: an allowed caller may use the resource up (a removal), which must not hide a refusal. */
function inOrder(row: Row): Caller[] {
  const allowed = (caller: Caller) => ![401, 403].includes(expected(row, caller) as number);
  return [...CALLERS.filter((c) => !allowed(c)), ...CALLERS.filter(allowed)];
}

/** The status and error code of a call, whatever the body's type (calendars are text). */
async function call(client: ApiClient, method: string, path: string, body?: unknown): Promise<{ status: number; code?: string }> {
  const reply = await client.raw(method, path, body);
  const code = reply.headers.get('content-type')?.includes('json') ? JSON.parse(reply.text || '{}').code : undefined;
  return { status: reply.status, code };
}

describe('the authorisation matrix of every route', () => {
  const { platform, anonymous, admin } = usePlatform({ env: { JWT_SECRET: SECRET } });
  const ids: Ids = {};
  const callers = {} as Record<Caller, ApiClient>;

  beforeAll(async () => {
    const register = async (key: string, name: string, eightDigits: string) => {
      const reply = await admin.post('/companies', company(name, eightDigits));
      expect(reply.status).toBe(201);
      ids[key] = reply.body.id;
    };
    const addPerson = async (key: string, email: string, role: string) => {
      const reply = await admin.post(`/companies/${ids[key]}/people`, { email, firstName: 'Marc', lastName: 'Jacot', role, password: PASSWORD });
      expect(reply.status).toBe(201);
      return reply.body.id as string;
    };
    await register('C', 'Cadrans Coordinateurs', '60000001');
    await register('M', 'Maillons Membres', '60000002');
    await register('O', 'Outils Ailleurs', '60000003');
    await register('L', 'Leviers Sortants', '60000004');
    await register('J1', 'Joints Un', '60000005');
    await register('J2', 'Joints Deux', '60000006');
    await register('T', 'Trempe Passagère', '60000007');
    await addPerson('C', 'chef@coordinateurs.example', 'company-admin');
    await addPerson('M', 'atelier@membres.example', 'member');
    await addPerson('O', 'chef@ailleurs.example', 'company-admin');
    const goneId = await addPerson('M', 'parti@membres.example', 'member');
    ids.throwawayPerson = await addPerson('M', 'passant@membres.example', 'member');
    for (const key of ['J1', 'J2']) await addPerson(key, `chef@${key.toLowerCase()}.example`, 'company-admin');

    const cluster = await admin.post('/clusters', { name: 'Grappe Matrice', theme: 'cases', admission: 'approval', coordinatorCompanyId: ids.C });
    ids.K = cluster.body.id;
    for (const key of ['M', 'L']) {
      expect((await admin.post(`/clusters/${ids.K}/members`, { companyId: ids[key] })).status).toBe(202);
      expect((await admin.post(`/clusters/${ids.K}/members/${ids[key]}/approve`)).status).toBe(200);
    }
    for (const key of ['J1', 'J2']) {
      const asker = await anonymous.login(`chef@${key.toLowerCase()}.example`, PASSWORD);
      expect((await asker.post(`/clusters/${ids.K}/members`, { companyId: ids[key] })).status).toBe(202);
    }

    callers.none = anonymous;
    callers.member = await anonymous.login('atelier@membres.example', PASSWORD);
    callers.otherAdmin = await anonymous.login('chef@ailleurs.example', PASSWORD);
    callers.coordinator = await anonymous.login('chef@coordinateurs.example', PASSWORD);
    callers.staff = admin;
    const me = (await callers.member.get('/me')).body;
    callers.expired = anonymous.as(signAccessToken(SECRET, { sub: me.id, email: me.email, companyId: me.companyId, roles: me.roles }, new Date(Date.now() - 60_000)));
    callers.revoked = await anonymous.login('parti@membres.example', PASSWORD);
    expect((await admin.request('DELETE', `/companies/${ids.M}/people/${goneId}`)).status).toBe(204);
    await waitFor(async () => ((await callers.revoked.get('/me')).status === 401 ? true : undefined), 'the removed person refused');

    ids.P = (await admin.post(`/clusters/${ids.K}/projects`, { title: 'Carrure acier', kind: 'product', partnerCompanyIds: [ids.M] })).body.id;
    const idea = () => callers.member.post(`/clusters/${ids.K}/ideas`, { title: 'Idée', kind: 'process', description: 'd', neededCapabilities: ['cases'] });
    ids.I = (await idea()).body.id;
    ids.I2 = (await idea()).body.id;
    ids.I3 = (await idea()).body.id;
    expect((await callers.member.post(`/clusters/${ids.K}/ideas/${ids.I3}/interest`)).status).toBe(201);
    ids.W = (await admin.post('/workshops', workshop(ids.K))).body.id;
    ids.W2 = (await admin.post('/workshops', workshop(ids.K))).body.id;
    ids.R = (await admin.post(`/workshops/${ids.W}/registrations`, { attendeeEmail: 'inscrit@membres.example', companyId: ids.M })).body.id;
    ids.N = (await waitFor(async () => (await admin.get('/notifications')).body.items[0], "a notification in the staff's inbox")).id;
    for (const [key, value] of Object.entries(ids)) expect([key, value]).toEqual([key, expect.any(String)]);
  });

  it('has a row for every route the gateway serves', async () => {
    const document = (await new ApiClient(platform.baseUrl).get('/docs-json')).body as { paths: Record<string, Record<string, unknown>> };
    const served = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path.replace(/^\/api\/v1/, '').replace(/\{(\w+)\}/g, ':$1')}`),
    );
    expect(served.filter((route) => !(route in ROUTES))).toEqual([]);
    expect(Object.keys(ROUTES).filter((route) => !served.includes(route))).toEqual([]);
  });

  it.each(PUBLIC_WITHOUT_OPENAPI)('serves %s to anyone', async (route) => {
    for (const caller of CALLERS) expect([caller, (await call(callers[caller], 'GET', route.split(' ')[1])).status]).toEqual([caller, 200]);
  });

  it.each(Object.keys(ROUTES))('%s', async (route) => {
    const row = ROUTES[route];
    const method = route.split(' ')[0];
    const outcomes: string[] = [];
    for (const caller of inOrder(row)) {
      const body = row.body ? await row.body(ids, caller) : undefined;
      const reply = await call(callers[caller], method, row.path(ids), body);
      const cell = expected(row, caller);
      if (!matches(reply.status, cell)) outcomes.push(`${caller}: expected ${cell}, got ${reply.status} ${reply.code ?? ''}`);
    }
    expect(outcomes).toEqual([]);
  });
});
