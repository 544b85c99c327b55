import { siren, siret } from './support/identifiers';
import { usePlatform } from './support/use-platform';

const PASSWORD = 'edge-password-1';
const company = (name: string, sirenNumber: string, establishments?: { siret: string }[]) => ({
  name, siren: sirenNumber, category: 'components-and-microtechnics', capabilities: ['cases'], region: 'Bourgogne-Franche-Comté',
  ...(establishments ? { establishments } : {}),
});
const nfd = (text: string) => text.normalize('NFD');

describe('edge inputs', () => {
  const { anonymous, admin } = usePlatform();

  describe('visually identical twins (Unicode NFC)', () => {
    let companyId: string;

    beforeAll(async () => {
      companyId = (await admin.post('/companies', company(nfd('Boîtiers Zoé'), siren('70000001')))).body.id;
    });

    it('stores names composed, so that the directory finds them by their usual spelling', async () => {
      expect(nfd('Boîtiers Zoé')).not.toBe('Boîtiers Zoé');
      expect((await admin.get(`/companies/${companyId}`)).body.name).toBe('Boîtiers Zoé');
      const found = await admin.get(`/companies?q=${encodeURIComponent('Boîtiers Zoé')}`);
      expect(found.body.items.map((c: { id: string }) => c.id)).toEqual([companyId]);
    });

    it('refuses a second account whose e-mail differs only by the encoding of an accent (409), and signs in with either form', async () => {
      const person = { firstName: 'Zoé', lastName: 'Jacot', role: 'member', password: PASSWORD };
      expect((await admin.post(`/companies/${companyId}/people`, { ...person, email: 'zoé@boitiers.example' })).status).toBe(201);
      const twin = await admin.post(`/companies/${companyId}/people`, { ...person, email: nfd('zoé@boitiers.example') });
      expect([twin.status, twin.body.code]).toEqual([409, 'PERSON.EMAIL_TAKEN']);
      expect((await anonymous.post('/auth/login', { email: nfd('zoé@boitiers.example'), password: PASSWORD })).status).toBe(200);
    });

    it('refuses a cluster whose name differs only by the encoding of an accent (409)', async () => {
      expect((await admin.post('/clusters', { name: 'Grappe Boîtes', theme: 'cases', admission: 'open' })).status).toBe(201);
      const twin = await admin.post('/clusters', { name: nfd('Grappe Boîtes'), theme: 'cases', admission: 'open' });
      expect([twin.status, twin.body.code]).toEqual([409, 'CLUSTER.NAME_TAKEN']);
    });
  });

  it('refuses a company name without a letter or digit with 400, at registration and update (found by fuzzing: was a 500)', async () => {
    const registered = await admin.post('/companies', company('::', siren('70000021')));
    expect([registered.status, registered.body.details?.map((d: { field: string }) => d.field)]).toEqual([400, ['name']]);
    const { id } = (await admin.post('/companies', company('Ébauches Omega', siren('70000022')))).body;
    const updated = await admin.request('PATCH', `/companies/${id}`, { name: '— —' });
    expect([updated.status, updated.body.details?.map((d: { field: string }) => d.field)]).toEqual([400, ['name']]);
  });

  describe("establishments' SIRETs", () => {
    const [sirenA, sirenB] = [siren('70000011'), siren('70000012')];
    const [a1, a2] = [siret(sirenA, '0001'), siret(sirenA, '0002')];
    let ids: { a: string; b: string };

    beforeAll(async () => {
      const a = await admin.post('/companies', company('Aiguilles Alpha', sirenA, [{ siret: a1 }, { siret: a2 }]));
      const b = await admin.post('/companies', company('Balanciers Bêta', sirenB));
      expect([a.status, b.status]).toEqual([201, 201]);
      ids = { a: a.body.id, b: b.body.id };
    });

    it("refuses an establishment whose SIRET does not start with the company's SIREN (400 naming it), at registration and update", async () => {
      const stranger = siret(siren('70000013'), '0001');
      const registered = await admin.post('/companies', company('Cadrans Gamma', siren('70000014'), [{ siret: stranger }]));
      expect([registered.status, registered.body.details?.map((d: { field: string }) => d.field)]).toEqual([400, ['establishments.0.siret']]);
      const updated = await admin.request('PATCH', `/companies/${ids.b}`, { establishments: [{ siret: siret(sirenB, '0001') }, { siret: stranger }] });
      expect([updated.status, updated.body.details?.map((d: { field: string }) => d.field)]).toEqual([400, ['establishments.1.siret']]);
      // Refused whole: the SIRET B did have a right to is not held for it either.
      expect((await admin.get(`/companies/${ids.b}`)).body.establishments).toEqual([]);
    });

    it("refuses another company's establishment with 409, at registration and update", async () => {
      const registered = await admin.post('/companies', company('Cadrans Delta', siren('70000015'), [{ siret: a1 }]));
      expect([registered.status, registered.body.code]).toEqual([409, 'COMPANY.SIRET_TAKEN']);
      const updated = await admin.request('PATCH', `/companies/${ids.b}`, { establishments: [{ siret: a2 }] });
      expect([updated.status, updated.body.code]).toEqual([409, 'COMPANY.SIRET_TAKEN']);
    });

    it('frees the SIRET of an establishment taken out by an update: no longer taken, and the company may list it again', async () => {
      expect((await admin.request('PATCH', `/companies/${ids.a}`, { establishments: [{ siret: a1 }] })).status).toBe(200);
      const byOther = await admin.request('PATCH', `/companies/${ids.b}`, { establishments: [{ siret: a2 }] });
      expect([byOther.status, byOther.body.code]).toEqual([400, 'REQUEST.VALIDATION_FAILED']);
      const again = await admin.request('PATCH', `/companies/${ids.a}`, { establishments: [{ siret: a1 }, { siret: a2 }] });
      expect(again.status).toBe(200);
      expect(again.body.establishments.map((e: { siret: string }) => e.siret)).toEqual([a1, a2]);
    });
  });
});
