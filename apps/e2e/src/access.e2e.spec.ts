import { waitFor } from '@grappes/testing';
import { ApiClient } from './support/client';
import { usePlatform } from './support/use-platform';

const PASSWORD = 'access-password-1';
const company = (name: string, siren: string) => ({
  name, siren, category: 'components-and-microtechnics', capabilities: ['dials'], region: 'Bourgogne-Franche-Comté',
});
const person = (email: string, role: string) => ({ email, firstName: 'Anne', lastName: 'Cuenot', role, password: PASSWORD });

/** Polls until the token is refused, as access withdrawn by an event takes a moment to reach the gateway. */
const untilRefused = (client: ApiClient, what: string) =>
  waitFor(async () => ((await client.get('/me')).status === 401 ? true : undefined), what, 10_000);

describe('access withdrawn before the token expires', () => {
  const { anonymous, admin } = usePlatform();

  it('refuses the token of a removed company-admin within seconds, so that it can no longer open accounts', async () => {
    const { id } = (await admin.post('/companies', company('Cadrans de Villers', '732829320'))).body;
    const added = (await admin.post(`/companies/${id}/people`, person('chef@villers.example', 'company-admin'))).body;
    const removed = await anonymous.login('chef@villers.example', PASSWORD);
    expect((await removed.get('/me')).status).toBe(200);

    expect((await admin.request('DELETE', `/companies/${id}/people/${added.id}`)).status).toBe(204);

    await untilRefused(removed, 'the removed person refused');
    const refused = await removed.post(`/companies/${id}/people`, person('backdoor@villers.example', 'company-admin'));
    expect([refused.status, refused.body.code]).toEqual([401, 'AUTH.UNAUTHENTICATED']);
  });

  it("refuses the tokens of a suspended company's people, and lets them in again once it is reactivated", async () => {
    const { id } = (await admin.post('/companies', company('Aiguilles du Russey', '443061841'))).body;
    await admin.post(`/companies/${id}/people`, person('atelier@russey.example', 'member'));
    const member = await anonymous.login('atelier@russey.example', PASSWORD);

    expect((await admin.post(`/companies/${id}/suspend`)).status).toBe(200);
    await untilRefused(member, "the suspended company's person refused");
    expect((await admin.get('/me')).status).toBe(200);

    expect((await admin.post(`/companies/${id}/reactivate`)).status).toBe(200);
    await waitFor(async () => ((await member.get('/me')).status === 200 ? true : undefined), 'access given back', 10_000);
  });

  it("refuses the tokens of a departed company's people", async () => {
    const { id } = (await admin.post('/companies', company('Boîtiers du Saugeais', '552100554'))).body;
    await admin.post(`/companies/${id}/people`, person('chef@saugeais-boitiers.example', 'company-admin'));
    const chief = await anonymous.login('chef@saugeais-boitiers.example', PASSWORD);

    expect((await admin.post(`/companies/${id}/deactivate`)).status).toBe(200);

    await untilRefused(chief, "the departed company's person refused");
  });

  describe('sessions: short access tokens, refresh tokens that work once', () => {
    const signIn = async (email: string) => (await anonymous.post('/auth/login', { email, password: PASSWORD })).body;
    let companyId: string;

    beforeAll(async () => {
      companyId = (await admin.post('/companies', company('Décolletage de Cluses', '130025265'))).body.id;
      for (const email of ['one@cluses.example', 'two@cluses.example', 'three@cluses.example', 'four@cluses.example']) {
        expect((await admin.post(`/companies/${companyId}/people`, person(email, 'member'))).status).toBe(201);
      }
    });

    it('signs in with a short-lived access token and a refresh token that gives a new pair', async () => {
      const login = await signIn('one@cluses.example');
      expect(login).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, refreshToken: expect.any(String), refreshExpiresAt: expect.any(String) });

      const refreshed = await anonymous.post('/auth/refresh', { refreshToken: login.refreshToken });

      expect(refreshed.status).toBe(200);
      expect(refreshed.body.refreshToken).not.toBe(login.refreshToken);
      expect(refreshed.body.refreshExpiresAt).toBe(login.refreshExpiresAt);
      expect((await anonymous.as(refreshed.body.accessToken).get('/me')).body.email).toBe('one@cluses.example');
    });

    it('ends the whole session when a used refresh token comes back, so a stolen copy is worthless', async () => {
      const login = await signIn('two@cluses.example');
      const next = (await anonymous.post('/auth/refresh', { refreshToken: login.refreshToken })).body;

      const replay = await anonymous.post('/auth/refresh', { refreshToken: login.refreshToken });

      expect([replay.status, replay.body.code]).toEqual([401, 'AUTH.SESSION_ENDED']);
      expect((await anonymous.post('/auth/refresh', { refreshToken: next.refreshToken })).status).toBe(401);
    });

    it('lets one of two simultaneous uses of a refresh token through, never both', async () => {
      const login = await signIn('three@cluses.example');

      const uses = await Promise.all([1, 2].map(() => anonymous.post('/auth/refresh', { refreshToken: login.refreshToken })));

      expect(uses.filter((use) => use.status === 200).length).toBeLessThanOrEqual(1);
    });

    it('ends the session on sign-out', async () => {
      const login = await signIn('four@cluses.example');
      const signedIn = anonymous.as(login.accessToken);

      expect((await signedIn.post('/auth/logout', { refreshToken: login.refreshToken })).status).toBe(204);

      expect((await anonymous.post('/auth/refresh', { refreshToken: login.refreshToken })).status).toBe(401);
    });

    it('refuses to refresh the session of a person removed meanwhile, and a malformed token', async () => {
      const added = (await admin.post(`/companies/${companyId}/people`, person('five@cluses.example', 'member'))).body;
      const login = await signIn('five@cluses.example');
      await admin.request('DELETE', `/companies/${companyId}/people/${added.id}`);

      expect((await anonymous.post('/auth/refresh', { refreshToken: login.refreshToken })).status).toBe(401);
      expect((await anonymous.post('/auth/refresh', { refreshToken: 'x'.repeat(40) })).status).toBe(401);
      expect((await anonymous.post('/auth/refresh', {})).status).toBe(400);
    });
  });
});
