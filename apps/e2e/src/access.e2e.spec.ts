import { waitFor } from '@grappes/testing';
import { ApiClient } from './support/client';
import { ADMIN, Platform } from './support/platform';

const PASSWORD = 'access-password-1';
const company = (name: string, siren: string) => ({
  name, siren, category: 'components-and-microtechnics', capabilities: ['dials'], region: 'Bourgogne-Franche-Comté',
});
const person = (email: string, role: string) => ({ email, firstName: 'Anne', lastName: 'Cuenot', role, password: PASSWORD });

/** Polls until the token is refused, as access withdrawn by an event takes a moment to reach the gateway. */
const untilRefused = (client: ApiClient, what: string) =>
  waitFor(async () => ((await client.get('/me')).status === 401 ? true : undefined), what, 10_000);

describe('access withdrawn before the token expires', () => {
  const platform = new Platform();
  let anonymous: ApiClient;
  let admin: ApiClient;

  beforeAll(async () => {
    await platform.start();
    anonymous = new ApiClient(platform.baseUrl);
    admin = await anonymous.login(ADMIN.email, ADMIN.password);
  });

  afterAll(() => platform.stop());

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
});
