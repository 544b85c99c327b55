// The audit trail through the whole chain: a state-changing request is recorded
// by the gateway, the events it caused by the audit service, and staff read
// them together at GET /audit: who, what, when, the trace and the outcome.
import { waitFor } from '@grappes/testing';
import { ApiClient } from './support/client';
import { ADMIN } from './support/platform';
import { usePlatform } from './support/use-platform';

const PASSWORD = 'audit-password-1';
const company = { name: 'Boîtiers du Doubs', siren: '732829320', category: 'components-and-microtechnics', capabilities: ['cases'], region: 'Bourgogne-Franche-Comté' };

interface Entry {
  id: string;
  kind: 'request' | 'event';
  at: string;
  action: string;
  targets: string[];
  actor?: { personId: string; email: string; companyId?: string };
  correlationId: string;
  causationId?: string;
  outcome: { status?: number; code?: string };
}

describe('the audit trail', () => {
  const { platform, anonymous, admin } = usePlatform();
  let paul: ApiClient;
  let ids: { company: string; cluster: string; admin: string; paul: string };
  let serial = 0;

  /** Sends a request under a correlation id of its own, to find its entries by. */
  const traced = async (client: ApiClient, method: string, path: string, body?: unknown) => {
    const correlationId = `audit-e2e-${platform.runId}-${++serial}`;
    const reply = await client.request(method, path, body, { 'x-correlation-id': correlationId });
    return { ...reply, correlationId };
  };
  const entriesOf = async (correlationId: string): Promise<Entry[]> => (await admin.get(`/audit?correlationId=${correlationId}`)).body.items;
  /** The request's entry and the event it caused, once both are written and the event carries its actor. */
  const requestAndEvent = (correlationId: string, eventType: string) =>
    waitFor(async () => {
      const entries = await entriesOf(correlationId);
      const request = entries.find((e) => e.kind === 'request');
      const event = entries.find((e) => e.kind === 'event' && e.action === eventType);
      return request && event?.actor ? { request, event } : undefined;
    }, `the entries of ${correlationId}`);

  beforeAll(async () => {
    const companyId = (await admin.post('/companies', company)).body.id;
    const person = await admin.post(`/companies/${companyId}/people`, { email: 'paul@doubs.example', firstName: 'Paul', lastName: 'Girod', role: 'company-admin', password: PASSWORD });
    const cluster = await admin.post('/clusters', { name: 'Grappe Boîtiers', theme: 'cases', admission: 'approval' });
    paul = await anonymous.login('paul@doubs.example', PASSWORD);
    ids = { company: companyId, cluster: cluster.body.id, admin: (await admin.get('/me')).body.id, paul: person.body.id };
  });

  it('records a join with its actor, target, correlation id and outcome, tied to the event it caused', async () => {
    const join = await traced(paul, 'POST', `/clusters/${ids.cluster}/members`, { companyId: ids.company });
    expect(join.status).toBe(202);

    const { request, event } = await requestAndEvent(join.correlationId, 'grappes.clusters.join-requested.v1');
    const actor = { personId: ids.paul, email: 'paul@doubs.example', companyId: ids.company };
    expect(request).toMatchObject({ action: 'POST /clusters/:id/members', targets: [`clusters/${ids.cluster}`], actor, correlationId: join.correlationId, outcome: { status: 202 } });
    expect(event).toMatchObject({ causationId: request.id, correlationId: join.correlationId, actor, targets: [`clusters/${ids.cluster}`, `companies/${ids.company}`] });
  });

  it('records an approval and the membership it created, under the approver', async () => {
    const approval = await traced(admin, 'POST', `/clusters/${ids.cluster}/members/${ids.company}/approve`);
    expect(approval.status).toBe(200);

    const { request, event } = await requestAndEvent(approval.correlationId, 'grappes.clusters.company-joined-cluster.v1');
    expect(request).toMatchObject({
      action: 'POST /clusters/:id/members/:companyId/approve', targets: [`clusters/${ids.cluster}`, `companies/${ids.company}`],
      actor: { personId: ids.admin, email: ADMIN.email }, outcome: { status: 200 },
    });
    expect(event).toMatchObject({ causationId: request.id, actor: { personId: ids.admin } });
    // Both are found by what they acted on, and by who acted, newest first.
    const onCompany = (await admin.get(`/audit?target=companies/${ids.company}&limit=100`)).body.items.map((e: Entry) => e.id);
    expect(onCompany).toEqual(expect.arrayContaining([request.id, event.id]));
    expect(onCompany.indexOf(event.id)).toBeLessThan(onCompany.indexOf(request.id));
    expect((await admin.get(`/audit?actor=${ADMIN.email}&limit=100`)).body.items.map((e: Entry) => e.id)).toEqual(expect.arrayContaining([request.id, event.id]));
  });

  it('records a profile change by the company itself, and never a request body', async () => {
    const change = await traced(paul, 'PATCH', `/companies/${ids.company}`, { city: 'Morteau' });
    expect(change.status).toBe(200);
    const added = await traced(admin, 'POST', `/companies/${ids.company}/people`, { email: 'lea@doubs.example', firstName: 'Léa', lastName: 'Roy', role: 'member', password: 'a-secret-password-9' });
    expect(added.status).toBe(201);

    const { request, event } = await requestAndEvent(change.correlationId, 'grappes.members.company-updated.v1');
    expect(request).toMatchObject({ action: 'PATCH /companies/:id', targets: [`companies/${ids.company}`], actor: { personId: ids.paul }, outcome: { status: 200 } });
    expect(event).toMatchObject({ causationId: request.id, targets: [`companies/${ids.company}`] });
    const addition = await requestAndEvent(added.correlationId, 'grappes.members.person-added.v1');
    expect(JSON.stringify(addition)).not.toContain('a-secret-password-9');
  });

  it('records a refused request with its status and code, and nothing it did not cause', async () => {
    const refused = await traced(paul, 'POST', `/companies/${ids.company}/suspend`);
    expect([refused.status, refused.body.code]).toEqual([403, 'AUTH.FORBIDDEN']);

    const [entry] = await waitFor(async () => {
      const entries = await entriesOf(refused.correlationId);
      return entries.length ? entries : undefined;
    }, 'the entry of the refusal');
    expect(await entriesOf(refused.correlationId)).toEqual([
      expect.objectContaining({ kind: 'request', action: 'POST /companies/:id/suspend', targets: [`companies/${ids.company}`], actor: expect.objectContaining({ personId: ids.paul }), outcome: { status: 403, code: 'AUTH.FORBIDDEN' } }),
    ]);
    expect(entry.correlationId).toBe(refused.correlationId);
  });

  it('lets only federation staff read the trail, a validated page at a time, and offers no way to change it', async () => {
    const page = await admin.get('/audit?limit=2&page=1');
    expect(page.status).toBe(200);
    expect(page.body).toEqual({ items: expect.any(Array), total: expect.any(Number), page: 1, limit: 2 });
    expect(page.body.items).toHaveLength(2);

    const byCompanyAdmin = await paul.get('/audit');
    expect([byCompanyAdmin.status, byCompanyAdmin.body.code]).toEqual([403, 'AUTH.FORBIDDEN']);
    expect((await new ApiClient(platform.baseUrl).get('/audit')).status).toBe(401);
    const badQuery = await admin.get('/audit?from=yesterday&limit=500');
    expect([badQuery.status, badQuery.body.details.map((d: { field: string }) => d.field).sort()]).toEqual([400, ['from', 'limit']]);
    const entryId = page.body.items[0].id;
    expect((await admin.request('DELETE', `/audit/${entryId}`)).status).toBe(404);
    expect((await admin.request('PATCH', `/audit/${entryId}`, { action: 'nothing happened' })).status).toBe(404);
  });
});
