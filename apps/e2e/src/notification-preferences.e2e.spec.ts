// GET and PUT /notifications/preferences through the gateway: one's own, validated at the door.
import { NOTIFICATION_TYPES } from '@grappes/contracts';
import { ApiClient } from './support/client';
import { usePlatform } from './support/use-platform';
import { sirenFrom } from './support/siren';

const { platform, admin } = usePlatform();
let lea: ApiClient;

beforeAll(async () => {
  const company = await admin.post('/companies', {
    name: 'Bracelets du Jura', siren: sirenFrom(Date.now()), category: 'watches-and-accessories', capabilities: ['straps'], region: 'Bourgogne-Franche-Comté',
  });
  const person = { email: 'lea@bracelets.example', firstName: 'Léa', lastName: 'Vuillemin', role: 'member', password: 'preferences-1' };
  await admin.post(`/companies/${company.body.id}/people`, person);
  lea = await new ApiClient(platform.baseUrl).login(person.email, person.password);
});

const everyType = (on: boolean) => Object.fromEntries(NOTIFICATION_TYPES.map((type) => [type, on]));

describe('/notifications/preferences', () => {
  it('starts with every notification e-mailed at once, and keeps what the person puts, for them alone', async () => {
    expect((await lea.get('/notifications/preferences')).body).toEqual({ email: everyType(true), digest: 'immediate' });

    const put = await lea.request('PUT', '/notifications/preferences', { email: { 'workshop-scheduled': false }, digest: 'daily' });

    const expected = { email: { ...everyType(true), 'workshop-scheduled': false }, digest: 'daily' };
    expect([put.status, put.body]).toEqual([200, expected]);
    expect((await lea.get('/notifications/preferences')).body).toEqual(expected);
    expect((await admin.get('/notifications/preferences')).body).toEqual({ email: everyType(true), digest: 'immediate' });
  });

  it('refuses unknown types, values that are not booleans and unknown digest modes, naming the field; and anyone not signed in', async () => {
    const unknownType = await lea.request('PUT', '/notifications/preferences', { email: { 'birthday-wishes': true }, digest: 'daily' });
    const notBoolean = await lea.request('PUT', '/notifications/preferences', { email: { 'workshop-scheduled': 'no' }, digest: 'daily' });
    const weekly = await lea.request('PUT', '/notifications/preferences', { email: {}, digest: 'weekly' });

    expect([unknownType.status, unknownType.body.details[0].field]).toEqual([400, 'email']);
    expect([notBoolean.status, notBoolean.body.details[0].field]).toEqual([400, 'email']);
    expect([weekly.status, weekly.body.details[0].field]).toEqual([400, 'digest']);
    expect((await new ApiClient(platform.baseUrl).get('/notifications/preferences')).status).toBe(401);
  });
});
