import { waitFor } from '@grappes/testing';
import { ADMIN } from './support/platform';
import { usePlatform } from './support/use-platform';

const BOITIERS = {
  name: 'Boîtiers du Doubs',
  siren: '732829320',
  category: 'components-and-microtechnics',
  capabilities: ['cases'],
  region: 'Bourgogne-Franche-Comté',
  city: 'Morteau',
  annualRevenueEur: 4_200_000,
};

describe('the first slice, through the gateway to every service', () => {
  const { anonymous, admin } = usePlatform();

  it('tells the admin in the inbox that a company joined a cluster', async () => {
    const company = await admin.post('/companies', BOITIERS);
    expect(company.status).toBe(201);
    expect(company.body).toMatchObject({ id: expect.any(String), name: BOITIERS.name, status: 'active', annualRevenueEur: 4_200_000 });

    const cluster = await admin.post('/clusters', { name: 'Grappe Boîtiers', theme: 'cases', admission: 'open' });
    expect(cluster.status).toBe(201);

    const join = await admin.post(`/clusters/${cluster.body.id}/members`, { companyId: company.body.id });
    expect(join.status).toBe(201);
    expect(join.body).toEqual({ status: 'joined' });

    const notification = await waitFor(async () => {
      const inbox = await admin.get('/notifications');
      return inbox.body.items.find((n: { type: string; data: { clusterId: string } }) => n.type === 'company-joined-cluster' && n.data.clusterId === cluster.body.id);
    }, 'the company-joined-cluster notification in the admin inbox');
    expect(notification.data).toMatchObject({ companyId: company.body.id, companyName: BOITIERS.name, clusterName: 'Grappe Boîtiers', role: 'member' });

    const detail = await admin.get(`/clusters/${cluster.body.id}`);
    expect(detail.body.members).toEqual([expect.objectContaining({ companyId: company.body.id, role: 'member' })]);
    expect(detail.body.memberCount).toBe(1);
  });

  it('answers 409 when the same SIREN is registered twice', async () => {
    const second = await admin.post('/companies', { ...BOITIERS, name: 'Autre nom' });
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('COMPANY.SIREN_TAKEN');
  });

  it('answers 409 when a member joins the same cluster again', async () => {
    const company = await admin.post('/companies', { ...BOITIERS, name: 'Cadrans de Besançon', siren: '552100554' });
    const cluster = await admin.post('/clusters', { name: 'Grappe Cadrans', theme: 'dials', admission: 'open' });
    await admin.post(`/clusters/${cluster.body.id}/members`, { companyId: company.body.id });
    const again = await admin.post(`/clusters/${cluster.body.id}/members`, { companyId: company.body.id });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('CLUSTER.ALREADY_MEMBER');
  });

  it('answers 202 pending when the cluster admits by approval', async () => {
    const company = await admin.post('/companies', { ...BOITIERS, name: 'Mouvements du Haut-Doubs', siren: '443061841' });
    const cluster = await admin.post('/clusters', { name: 'Grappe Mouvements', theme: 'movements', admission: 'approval' });
    const join = await admin.post(`/clusters/${cluster.body.id}/members`, { companyId: company.body.id });
    expect(join.status).toBe(202);
    expect(join.body).toEqual({ status: 'pending' });
  });

  it('answers a malformed body with 400, each bad field named, and the correlation id', async () => {
    const reply = await admin.post('/companies', { ...BOITIERS, siren: '732829321', category: 'clocks', unknown: true }, { 'x-correlation-id': 'e2e-bad-input' });
    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe('REQUEST.VALIDATION_FAILED');
    expect(reply.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['category', 'siren', 'unknown']);
    expect(reply.body.correlationId).toBe('e2e-bad-input');
    expect(reply.headers.get('x-correlation-id')).toBe('e2e-bad-input');
    expect(JSON.stringify(reply.body)).not.toMatch(/at .*\.js/);
  });

  it('answers 401 without a token, with a forged token, and on the contract paths alike', async () => {
    for (const path of ['/me', '/notifications', '/clusters', `/companies/any`]) {
      expect((await anonymous.get(path)).status).toBe(401);
    }
    expect((await anonymous.as('not.a.token').get('/me')).status).toBe(401);
  });

  it('answers the same 401 for an unknown e-mail and a wrong password', async () => {
    const unknown = await anonymous.post('/auth/login', { email: 'nobody@grappes.test', password: 'whatever' });
    const wrong = await anonymous.post('/auth/login', { email: ADMIN.email, password: 'wrong-password' });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect([unknown.body.code, unknown.body.message]).toEqual([wrong.body.code, wrong.body.message]);
  });

  it('refuses an e-mail with 429 and Retry-After after ten failed logins within a minute', async () => {
    const tries = { email: 'someone@locked.example', password: 'wrong-password' };
    for (let i = 0; i < 10; i++) expect((await anonymous.post('/auth/login', tries)).status).toBe(401);
    const refused = await anonymous.post('/auth/login', tries);
    expect([refused.status, refused.body.code]).toEqual([429, 'AUTH.TOO_MANY_ATTEMPTS']);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await anonymous.post('/auth/login', ADMIN)).status).toBe(200);
  });

  it('answers a signed-in ping with a round trip to a service, and refuses it without a token', async () => {
    expect((await admin.get('/ping')).body).toEqual({ service: 'members', status: 'ok' });
    expect((await anonymous.get('/ping')).status).toBe(401);
  });

  it('answers 404 for an unknown company or cluster', async () => {
    const company = await admin.get('/companies/00000000-0000-0000-0000-000000000000');
    expect(company.status).toBe(404);
    expect(company.body.code).toBe('COMPANY.NOT_FOUND');
    const cluster = await admin.get('/clusters/unknown-cluster');
    expect(cluster.status).toBe(404);
    expect(cluster.body.code).toBe('CLUSTER.NOT_FOUND');
  });

  it('shows the signed-in principal on /me', async () => {
    const me = await admin.get('/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: expect.any(String), email: ADMIN.email, roles: ['federation-admin'] });
  });

  it('reports every service ready', async () => {
    const ready = await anonymous.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.checks).toEqual({ nats: 'up', members: 'up', clusters: 'up', workshops: 'up', notifications: 'up', audit: 'up' });
  });
});
