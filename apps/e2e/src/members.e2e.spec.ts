import { connect, NatsConnection, StringCodec } from 'nats';
import { requireServer, waitFor } from '@grappes/testing';
import { ApiClient } from './support/client';
import { ADMIN } from './support/platform';
import { Platform } from './support/platform';
import { usePlatform } from './support/use-platform';

const BRAND = {
  name: 'Montres du Saugeais', siren: '732829320', category: 'watches-and-accessories', capabilities: ['assembly', 'after-sales'],
  region: 'Bourgogne-Franche-Comté', city: 'Morteau', headcount: 120, annualRevenueEur: 30_000_000,
};
const CASE_MAKER = {
  name: 'Boîtiers du Doubs', siren: '443061841', category: 'components-and-microtechnics', capabilities: ['cases', 'dials'],
  region: 'Bourgogne-Franche-Comté', city: 'Besançon', headcount: 40, annualRevenueEur: 5_000_000,
  establishments: [{ siret: '44306184100013', city: 'Besançon' }],
};
const BAR_TURNER = {
  name: 'Décolletage de l’Arve', siren: '552100554', category: 'components-and-microtechnics', capabilities: ['movements'],
  region: 'Auvergne-Rhône-Alpes', city: 'Cluses', headcount: 25,
};
const PASSWORD = 'demo-password-1';

describe('members: companies, people, directory, figures and suggestions through the gateway', () => {
  const { platform, anonymous, admin } = usePlatform();
  let brand: { id: string };
  let caseMaker: { id: string };
  let brandAdmin: ApiClient;
  let brandMember: ApiClient;
  let caseMakerAdmin: ApiClient;

  beforeAll(async () => {
    brand = (await admin.post('/companies', BRAND)).body;
    caseMaker = (await admin.post('/companies', CASE_MAKER)).body;
    await admin.post('/companies', BAR_TURNER);
    const person = (email: string, role: string) => ({ email, firstName: 'Claire', lastName: 'Vuillemin', role, password: PASSWORD });
    expect((await admin.post(`/companies/${brand.id}/people`, person('admin@saugeais.example', 'company-admin'))).status).toBe(201);
    expect((await admin.post(`/companies/${caseMaker.id}/people`, person('admin@boitiers.example', 'company-admin'))).status).toBe(201);
    brandAdmin = await anonymous.login('admin@saugeais.example', PASSWORD);
    caseMakerAdmin = await anonymous.login('admin@boitiers.example', PASSWORD);
    expect((await brandAdmin.post(`/companies/${brand.id}/people`, person('atelier@saugeais.example', 'member'))).status).toBe(201);
    brandMember = await anonymous.login('atelier@saugeais.example', PASSWORD);
  });

  describe('authorisation of every members endpoint', () => {
    const endpoints = (companyId: string): [string, string, unknown?][] => [
      ['POST', '/companies', { ...BRAND, siren: '130025265' }],
      ['GET', '/companies'],
      ['GET', `/companies/${companyId}`],
      ['PATCH', `/companies/${companyId}`, { city: 'Villers-le-Lac' }],
      ['POST', `/companies/${companyId}/deactivate`],
      ['POST', `/companies/${companyId}/suspend`],
      ['POST', `/companies/${companyId}/reactivate`],
      ['POST', `/companies/${companyId}/people`, { email: 'x@y.example', firstName: 'X', lastName: 'Y', role: 'member', password: PASSWORD }],
      ['GET', `/companies/${companyId}/people`],
      ['DELETE', `/companies/${companyId}/people/someone`],
      ['GET', `/companies/${companyId}/suggestions`],
      ['GET', '/stats'],
    ];

    it('answers 401 to every endpoint without a token', async () => {
      for (const [method, path, body] of endpoints(brand.id)) {
        expect([method, path, (await anonymous.request(method, path, body)).status]).toEqual([method, path, 401]);
      }
    });

    it('answers 403 when a company admin acts for another company or as federation staff', async () => {
      const refused: [string, string, unknown?][] = [
        ['POST', '/companies', { ...BRAND, siren: '130025265' }],
        ['PATCH', `/companies/${caseMaker.id}`, { city: 'Morteau' }],
        ['POST', `/companies/${brand.id}/deactivate`],
        ['POST', `/companies/${caseMaker.id}/people`, { email: 'x@y.example', firstName: 'X', lastName: 'Y', role: 'member', password: PASSWORD }],
        ['GET', `/companies/${caseMaker.id}/people`],
        ['DELETE', `/companies/${caseMaker.id}/people/someone`],
        ['GET', `/companies/${caseMaker.id}/suggestions`],
      ];
      for (const [method, path, body] of refused) {
        const reply = await brandAdmin.request(method, path, body);
        expect([method, path, reply.status, reply.body.code]).toEqual([method, path, 403, 'AUTH.FORBIDDEN']);
      }
    });

    it('answers 403 when a plain member manages its own company', async () => {
      expect((await brandMember.request('PATCH', `/companies/${brand.id}`, { city: 'Morteau' })).status).toBe(403);
      const add = await brandMember.post(`/companies/${brand.id}/people`, { email: 'z@y.example', firstName: 'Z', lastName: 'Y', role: 'member', password: PASSWORD });
      expect(add.status).toBe(403);
    });

    it("lets a company admin update its own profile and a member list its company's people", async () => {
      const update = await brandAdmin.request('PATCH', `/companies/${brand.id}`, { description: 'Manufacture fictive' });
      expect(update.status).toBe(200);
      expect(update.body.description).toBe('Manufacture fictive');
      expect((await brandMember.get(`/companies/${brand.id}/people`)).body.map((p: { email: string }) => p.email).sort()).toEqual([
        'admin@saugeais.example',
        'atelier@saugeais.example',
      ]);
    });
  });

  it('shows revenue to federation staff and to the company itself only', async () => {
    expect((await admin.get(`/companies/${brand.id}`)).body.annualRevenueEur).toBe(30_000_000);
    expect((await brandMember.get(`/companies/${brand.id}`)).body.annualRevenueEur).toBe(30_000_000);
    const seenByOther = await caseMakerAdmin.get(`/companies/${brand.id}`);
    expect(seenByOther.status).toBe(200);
    expect(seenByOther.body).not.toHaveProperty('annualRevenueEur');
    const directory = await caseMakerAdmin.get('/companies?q=saugeais');
    expect(directory.body.items[0]).not.toHaveProperty('annualRevenueEur');
  });

  it('finds "Boîtiers" when searching "boitiers", ignoring case and accents', async () => {
    const reply = await brandMember.get('/companies?q=BOITIERS');
    expect(reply.body.items.map((c: { name: string }) => c.name)).toEqual(['Boîtiers du Doubs']);
    expect((await brandMember.get('/companies?q=decolletage arve')).body.total).toBe(1);
  });

  it('filters the directory by capability, category and region, paginated in a stable order', async () => {
    const byCapability = await admin.get('/companies?capability=cases');
    expect(byCapability.body.items.map((c: { name: string }) => c.name)).toEqual(['Boîtiers du Doubs']);
    const byCategory = await admin.get('/companies?category=components-and-microtechnics&limit=1&page=2');
    expect(byCategory.body).toMatchObject({ total: 2, page: 2, limit: 1 });
    expect(byCategory.body.items.map((c: { name: string }) => c.name)).toEqual(['Décolletage de l’Arve']);
    expect((await admin.get(`/companies?region=${encodeURIComponent('Auvergne-Rhône-Alpes')}`)).body.total).toBe(1);
    expect((await admin.get('/companies?limit=101')).status).toBe(400);
  });

  it('refuses a second registration of a SIREN and a second account for an e-mail with 409', async () => {
    expect((await admin.post('/companies', { ...CASE_MAKER, name: 'Copie' })).body.code).toBe('COMPANY.SIREN_TAKEN');
    const again = await admin.post(`/companies/${caseMaker.id}/people`, { email: 'ADMIN@saugeais.example', firstName: 'A', lastName: 'B', role: 'member', password: PASSWORD });
    expect([again.status, again.body.code]).toEqual([409, 'PERSON.EMAIL_TAKEN']);
  });

  it('refuses null for a field of a profile update with 400, leaving the profile whole', async () => {
    const reply = await brandAdmin.request('PATCH', `/companies/${brand.id}`, { establishments: null, name: null });
    expect(reply.status).toBe(400);
    expect(reply.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['establishments', 'name']);
    expect((await brandAdmin.get(`/companies/${brand.id}`)).body.name).toBe(BRAND.name);
  });

  it('refuses an invalid SIRET of an establishment with 400 naming the field', async () => {
    const reply = await admin.post('/companies', { ...BRAND, siren: '130025265', establishments: [{ siret: '13002526500010' }] });
    expect(reply.status).toBe(400);
    expect(reply.body.details).toEqual([expect.objectContaining({ field: 'establishments.0.siret' })]);
  });

  it('adds up the sector figures, with revenue for federation staff only', async () => {
    const figures = await admin.get('/stats');
    expect(figures.body).toMatchObject({ companies: 3, headcount: 185, annualRevenueEur: 35_000_000 });
    const components = figures.body.byCategory.find((r: { key: string }) => r.key === 'components-and-microtechnics');
    expect(components).toEqual({ key: 'components-and-microtechnics', companies: 2, headcount: 65, annualRevenueEur: 5_000_000 });
    const seenByMember = await brandMember.get('/stats');
    expect(seenByMember.body.headcount).toBe(185);
    expect(JSON.stringify(seenByMember.body)).not.toContain('annualRevenueEur');
  });

  it('suggests clusters of its themes not yet joined, and complementary partners with reasons', async () => {
    const cases = (await admin.post('/clusters', { name: 'Grappe Boîtiers', theme: 'cases', admission: 'open' })).body;
    const dials = (await admin.post('/clusters', { name: 'Grappe Cadrans', theme: 'dials', admission: 'open' })).body;
    await admin.post('/clusters', { name: 'Grappe Logistique', theme: 'logistics', admission: 'open' });
    await caseMakerAdmin.post(`/clusters/${dials.id}/members`, { companyId: caseMaker.id });
    const suggestions = await waitFor(async () => {
      const reply = await caseMakerAdmin.get(`/companies/${caseMaker.id}/suggestions`);
      const ids = reply.body.clusters.map((c: { clusterId: string }) => c.clusterId);
      return ids.length === 1 ? reply.body : undefined;
    }, 'suggestions that know of the joined cluster');
    expect(suggestions.clusters).toEqual([expect.objectContaining({ clusterId: cases.id, reason: expect.stringContaining('Boîtiers') })]);
    expect(suggestions.partners).toEqual([expect.objectContaining({ companyId: brand.id, reason: expect.stringContaining('Marque horlogère') })]);
  });

  it("suspends a membership, refusing cluster joins and its people's access meanwhile, and reactivates it", async () => {
    const cluster = (await admin.post('/clusters', { name: 'Grappe SAV', theme: 'after-sales', admission: 'open' })).body;
    expect((await brandAdmin.post(`/companies/${brand.id}/suspend`)).status).toBe(403);
    const suspended = await admin.post(`/companies/${brand.id}/suspend`);
    expect([suspended.status, suspended.body.status]).toEqual([200, 'suspended']);
    // The clusters service learns of the suspension by event: until then a join may pass, so each try uses a new cluster.
    const refused = await waitFor(async () => {
      const probe = (await admin.post('/clusters', { name: 'Grappe sonde', theme: 'logistics', admission: 'open' })).body;
      const join = await admin.post(`/clusters/${probe.id}/members`, { companyId: brand.id });
      return join.status === 422 ? join : undefined;
    }, 'joins refused while suspended');
    expect(refused.body.code).toBe('CLUSTER.COMPANY_NOT_ACTIVE');
    await waitFor(async () => ((await brandAdmin.get('/me')).status === 401 ? true : undefined), "the suspended company's people refused");
    expect((await admin.post(`/companies/${brand.id}/reactivate`)).body.status).toBe('active');
    const join = await waitFor(async () => {
      const reply = await brandAdmin.post(`/clusters/${cluster.id}/members`, { companyId: brand.id });
      return reply.status === 201 ? reply : undefined;
    }, 'a join accepted again after reactivation');
    expect(join.body).toEqual({ status: 'joined' });
  });

  describe('what the members service publishes', () => {
    let nats: NatsConnection;
    beforeAll(async () => (nats = await connect({ servers: requireServer('NATS_URL') })));
    afterAll(() => nats.close());

    it('emits company-deactivated, takes the company out of the directory, its clusters and their coordination, and closes its logins', async () => {
      const company = (await admin.post('/companies', { ...BAR_TURNER, name: 'Partante SA', siren: '130025265' })).body;
      await admin.post(`/companies/${company.id}/people`, { email: 'chef@partante.example', firstName: 'A', lastName: 'B', role: 'company-admin', password: PASSWORD });
      const cluster = (await admin.post('/clusters', { name: 'Grappe Mouvements', theme: 'movements', admission: 'open' })).body;
      const coordinated = (await admin.post('/clusters', { name: 'Grappe Assemblage', theme: 'assembly', admission: 'open', coordinatorCompanyId: company.id })).body;
      await admin.post(`/clusters/${cluster.id}/members`, { companyId: company.id });

      const reply = await admin.post(`/companies/${company.id}/deactivate`);
      expect([reply.status, reply.body.status]).toEqual([200, 'left']);

      const event = await waitFor(() => lastEventAbout(platform, nats, 'events.members.company-deactivated', `companies/${company.id}`), 'the company-deactivated event on JetStream');
      expect(event).toMatchObject({ type: 'grappes.members.company-deactivated.v1', data: { companyId: company.id, status: 'left', name: 'Partante SA' } });
      expect((await admin.get('/companies?q=partante')).body.total).toBe(0);
      await waitFor(async () => ((await admin.get(`/clusters/${cluster.id}`)).body.memberCount === 0 ? true : undefined), 'the company gone from its cluster');
      const join = await admin.post(`/clusters/${cluster.id}/members`, { companyId: company.id });
      expect([join.status, join.body.code]).toEqual([422, 'CLUSTER.COMPANY_NOT_ACTIVE']);
      await waitFor(async () => ((await admin.get(`/clusters/${coordinated.id}`)).body.coordinatorCompanyId === undefined ? true : undefined), 'the coordination dropped');
      expect((await anonymous.post('/auth/login', { email: 'chef@partante.example', password: PASSWORD })).status).toBe(401);
    });

    it('closes an account: emits person-removed, the person can no longer log in and the e-mail is free again', async () => {
      const person = (await brandAdmin.post(`/companies/${brand.id}/people`, { email: 'temp@saugeais.example', firstName: 'T', lastName: 'P', role: 'member', password: PASSWORD })).body;
      expect((await brandAdmin.request('DELETE', `/companies/${brand.id}/people/${person.id}`)).status).toBe(204);
      const event = await waitFor(() => lastEventAbout(platform, nats, 'events.members.person-removed', `people/${person.id}`), 'the person-removed event on JetStream');
      expect(event).toMatchObject({ type: 'grappes.members.person-removed.v1', data: { personId: person.id, companyId: brand.id, email: 'temp@saugeais.example' } });
      expect((await anonymous.post('/auth/login', { email: 'temp@saugeais.example', password: PASSWORD })).status).toBe(401);
      expect((await brandAdmin.post(`/companies/${brand.id}/people`, { email: 'temp@saugeais.example', firstName: 'T', lastName: 'P', role: 'member', password: PASSWORD })).status).toBe(201);
    });
  });
});

/** Reads the newest event on a subject straight from JetStream, to see what the service published. */
async function lastEventAbout(platform: Platform, nats: NatsConnection, subject: string, aggregate: string): Promise<Record<string, unknown> | undefined> {
  const jsm = await nats.jetstreamManager();
  try {
    const message = await jsm.streams.getMessage(platform.stream('EVENTS_MEMBERS'), { last_by_subj: platform.subject(subject) });
    const event = JSON.parse(StringCodec().decode(message.data));
    return event.subject === aggregate ? event : undefined;
  } catch {
    return undefined;
  }
}
