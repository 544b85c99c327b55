import { requireServer, waitFor } from '@grappes/testing';
import { NatsConnection, StringCodec, connect, headers } from 'nats';
import { randomUUID } from 'node:crypto';
import { ApiClient } from './support/client';
import { usePlatform } from './support/use-platform';

const PASSWORD = 'demo-password-1';
const company = (name: string, siren: string) => ({
  name, siren, category: 'components-and-microtechnics', capabilities: ['movements'], region: 'Bourgogne-Franche-Comté',
});

describe('clusters: requests decided by the coordinator, and leaving', () => {
  const { platform, anonymous, admin } = usePlatform();
  let coordinator: ApiClient;
  let alpha: ApiClient;
  let beta: ApiClient;
  let coordinatorsMember: ApiClient;
  let ids: { coordinator: string; alpha: string; beta: string; cluster: string };

  let nats: NatsConnection;
  const inboxTitles = async (client: ApiClient) => (await client.get('/notifications')).body.items.map((n: { title: string }) => n.title);

  beforeAll(async () => {
    nats = await connect({ servers: requireServer('NATS_URL').split(',') });
    const register = async (name: string, siren: string, email: string) => {
      const id = (await admin.post('/companies', company(name, siren))).body.id;
      await admin.post(`/companies/${id}/people`, { email, firstName: 'Paul', lastName: 'Girod', role: 'company-admin', password: PASSWORD });
      return id;
    };
    const coordinatorId = await register('Calibres Ferrandet', '732829320', 'paul@ferrandet.example');
    const alphaId = await register('Axes Alpha', '443061841', 'paul@alpha.example');
    const betaId = await register('Pignons Beta', '552100554', 'paul@beta.example');
    const cluster = await admin.post('/clusters', { name: 'Grappe Mouvements', theme: 'movements', admission: 'approval', coordinatorCompanyId: coordinatorId });
    ids = { coordinator: coordinatorId, alpha: alphaId, beta: betaId, cluster: cluster.body.id };
    coordinator = await anonymous.login('paul@ferrandet.example', PASSWORD);
    alpha = await anonymous.login('paul@alpha.example', PASSWORD);
    beta = await anonymous.login('paul@beta.example', PASSWORD);
    const plainMember = { email: 'atelier@ferrandet.example', firstName: 'Léa', lastName: 'Girod', role: 'member', password: PASSWORD };
    await admin.post(`/companies/${coordinatorId}/people`, plainMember);
    coordinatorsMember = await anonymous.login(plainMember.email, PASSWORD);
  });

  afterAll(async () => {
    await nats?.close();
  });

  it('lets the coordinator approve a request: the company joins and is welcomed', async () => {
    expect((await alpha.post(`/clusters/${ids.cluster}/members`, { companyId: ids.alpha })).status).toBe(202);
    const pending = (await coordinator.get(`/clusters/${ids.cluster}`)).body.pendingRequests;
    expect(pending).toEqual([expect.objectContaining({ companyId: ids.alpha, companyName: 'Axes Alpha' })]);

    const approved = await coordinator.post(`/clusters/${ids.cluster}/members/${ids.alpha}/approve`);
    expect([approved.status, approved.body]).toEqual([200, { status: 'joined' }]);
    const detail = (await alpha.get(`/clusters/${ids.cluster}`)).body;
    expect(detail.members.map((m: { companyId: string }) => m.companyId).sort()).toEqual([ids.coordinator, ids.alpha].sort());
    expect(detail).not.toHaveProperty('pendingRequests');
    await waitFor(async () => (await inboxTitles(alpha)).includes('Bienvenue dans la grappe Grappe Mouvements'), 'the welcome');
  });

  it('refuses the decision to anyone but staff and the coordinator, and one without a request', async () => {
    await beta.post(`/clusters/${ids.cluster}/members`, { companyId: ids.beta });
    const byMember = await alpha.post(`/clusters/${ids.cluster}/members/${ids.beta}/approve`);
    expect([byMember.status, byMember.body.code]).toEqual([403, 'AUTH.FORBIDDEN']);
    // The coordinator is the coordinating company's company-admins, not its plain members.
    const byPlainMember = await coordinatorsMember.post(`/clusters/${ids.cluster}/members/${ids.beta}/reject`);
    expect([byPlainMember.status, byPlainMember.body.code]).toEqual([403, 'AUTH.FORBIDDEN']);
    expect((await coordinatorsMember.get(`/clusters/${ids.cluster}`)).body).not.toHaveProperty('pendingRequests');
    const noRequest = await coordinator.post(`/clusters/${ids.cluster}/members/${ids.alpha}/approve`);
    expect([noRequest.status, noRequest.body.code]).toEqual([404, 'CLUSTER.NO_PENDING_REQUEST']);
  });

  it('lets the coordinator reject a request: the company is told, and may ask again', async () => {
    const rejected = await coordinator.post(`/clusters/${ids.cluster}/members/${ids.beta}/reject`);
    expect([rejected.status, rejected.body]).toEqual([200, { status: 'rejected' }]);
    await waitFor(async () => (await inboxTitles(beta)).includes('Demande refusée : grappe Grappe Mouvements'), 'the refusal');
    expect((await beta.post(`/clusters/${ids.cluster}/members`, { companyId: ids.beta })).status).toBe(202);
  });

  it('lets a company leave, telling staff, and refuses to leave twice', async () => {
    const left = await alpha.request('DELETE', `/clusters/${ids.cluster}/members/${ids.alpha}`);
    expect(left.status).toBe(204);
    expect((await admin.get(`/clusters/${ids.cluster}`)).body.memberCount).toBe(1);
    await waitFor(async () => (await inboxTitles(admin)).includes('Axes Alpha a quitté la grappe Grappe Mouvements'), 'staff told');
    const again = await alpha.request('DELETE', `/clusters/${ids.cluster}/members/${ids.alpha}`);
    expect([again.status, again.body.code]).toEqual([404, 'CLUSTER.NOT_MEMBER']);
  });

  it('refuses a second cluster of the same name with 409', async () => {
    const twin = await admin.post('/clusters', { name: 'Grappe Mouvements', theme: 'movements', admission: 'open' });
    expect([twin.status, twin.body.code]).toEqual([409, 'CLUSTER.NAME_TAKEN']);
  });

  it('keeps the coordinator in its cluster, and lets no company remove another', async () => {
    const coordinatorLeaves = await admin.request('DELETE', `/clusters/${ids.cluster}/members/${ids.coordinator}`);
    expect([coordinatorLeaves.status, coordinatorLeaves.body.code]).toEqual([422, 'CLUSTER.COORDINATOR_CANNOT_LEAVE']);
    const removal = await alpha.request('DELETE', `/clusters/${ids.cluster}/members/${ids.beta}`);
    expect([removal.status, removal.body.code]).toEqual([403, 'AUTH.FORBIDDEN']);
  });

  it('refuses to approve the request of a company suspended since it asked, with 422, as joining would', async () => {
    const gammaId = (await admin.post('/companies', company('Ressorts Gamma', '130025265'))).body.id;
    expect((await admin.post(`/clusters/${ids.cluster}/members`, { companyId: gammaId })).status).toBe(202);
    expect((await admin.post(`/companies/${gammaId}/suspend`)).status).toBe(200);

    // The clusters service learns of the suspension by event: probe with a new open cluster each time until it knows.
    let probes = 0;
    await waitFor(async () => {
      const probe = (await admin.post('/clusters', { name: `Grappe sonde ${++probes}`, theme: 'logistics', admission: 'open' })).body;
      return (await admin.post(`/clusters/${probe.id}/members`, { companyId: gammaId })).status === 422;
    }, 'the suspension known to the clusters service');

    const refused = await coordinator.post(`/clusters/${ids.cluster}/members/${gammaId}/approve`);

    expect([refused.status, refused.body.code]).toEqual([422, 'CLUSTER.COMPANY_NOT_ACTIVE']);
    expect((await admin.get(`/clusters/${ids.cluster}`)).body.members.map((m: { companyId: string }) => m.companyId)).not.toContain(gammaId);
  });

  it('shows a renamed company under its new name, puts that name into the events raised afterwards, and keeps it when an older company-updated comes late', async () => {
    const pendingNames = async () => (await coordinator.get(`/clusters/${ids.cluster}`)).body.pendingRequests.map((r: { companyName: string }) => r.companyName);
    expect(await pendingNames()).toContain('Pignons Beta');

    expect((await admin.request('PATCH', `/companies/${ids.beta}`, { name: 'Pignons Beta Horlogerie' })).status).toBe(200);
    await waitFor(async () => (await pendingNames()).includes('Pignons Beta Horlogerie'), 'the new name in the pending request');
    expect((await coordinator.post(`/clusters/${ids.cluster}/members/${ids.beta}/approve`)).status).toBe(200);

    const members = async () => (await admin.get(`/clusters/${ids.cluster}`)).body.members.map((m: { companyId: string; companyName: string }) => [m.companyId, m.companyName]);
    expect(await members()).toContainEqual([ids.beta, 'Pignons Beta Horlogerie']);
    const joined = await waitFor(() => lastEventAbout(nats, platform.stream('EVENTS_CLUSTERS'), platform.subject('events.clusters.company-joined-cluster'), `clusters/${ids.cluster}/members/${ids.beta}`), 'company-joined-cluster');
    expect(joined['data']).toMatchObject({ companyId: ids.beta, companyName: 'Pignons Beta Horlogerie' });

    const renamed = (await lastEventAbout(nats, platform.stream('EVENTS_MEMBERS'), platform.subject('events.members.company-updated'), `companies/${ids.beta}`))!;
    const handledBefore = await handledByClusters('events.members.company-updated');
    await publishLate(renamed, { name: 'Pignons Beta' });
    await waitFor(async () => (await handledByClusters('events.members.company-updated')) > handledBefore, 'the late company-updated handled');
    expect(await members()).toContainEqual([ids.beta, 'Pignons Beta Horlogerie']);
  });

  const handledByClusters = async (subject: string) => {
    const text = await (await fetch(`http://127.0.0.1:${platform.ports['clusters']}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith('grappes_events_handled_total') && l.includes(`subject="${subject}"`) && l.includes('outcome="ok"'));
    return line ? Number(line.split(' ').pop()) : 0;
  };

  /** Publishes, as a new message, the state a company had one version before `event`: an update that was delayed. */
  const publishLate = async (event: Record<string, any>, olderData: Record<string, unknown>) => { // eslint-disable-line @typescript-eslint/no-explicit-any
    const version = event['data'].version - 1;
    const older = { ...event, id: randomUUID(), aggregateversion: version, data: { ...event['data'], ...olderData, version } };
    const h = headers();
    h.set('Nats-Msg-Id', older.id);
    await nats.jetstream().publish(platform.subject('events.members.company-updated'), StringCodec().encode(JSON.stringify(older)), { headers: h });
  };
});

/** Reads the newest event on a subject straight from JetStream, when it is about `aggregate`. */
async function lastEventAbout(nats: NatsConnection, stream: string, subject: string, aggregate: string): Promise<Record<string, any> | undefined> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const jsm = await nats.jetstreamManager();
  const message = await jsm.streams.getMessage(stream, { last_by_subj: subject }).catch(() => undefined);
  const event = message && JSON.parse(StringCodec().decode(message.data));
  return event?.subject === aggregate ? event : undefined;
}
