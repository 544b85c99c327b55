// Preferences against a real MongoDB-wire server.
import { NOTIFICATION_TYPES } from '@grappes/contracts';
import { uniqueName } from '@grappes/testing';
import { AUDIENCES, notificationTypeOf } from '../notices/audiences';
import { NotificationsHarness } from '../testing/harness';
import { PreferencesModule } from './preferences.module';
import { PreferencesService } from './preferences.service';

let harness: NotificationsHarness;
let preferences: PreferencesService;

beforeAll(async () => {
  harness = await NotificationsHarness.start([PreferencesModule]);
  preferences = harness.get(PreferencesService);
});

afterAll(() => harness?.close());

const everyType = (on: boolean) => Object.fromEntries(NOTIFICATION_TYPES.map((type) => [type, on]));

describe('notification preferences', () => {
  it('names a type for every kind of notification the table sends', () => {
    expect([...AUDIENCES.keys()].map((type) => notificationTypeOf({ type })).sort()).toEqual([...NOTIFICATION_TYPES].sort());
  });

  it('are every e-mail at once until a person chooses', async () => {
    const ada = uniqueName('p');

    expect(await preferences.of(ada)).toEqual({ email: everyType(true), digest: 'immediate' });
    expect(await preferences.emailChoice(ada, 'workshop-scheduled')).toBe('immediate');
    expect(await preferences.emailChoice(undefined, 'workshop-scheduled')).toBe('immediate');
  });

  it("replace a person's choices whole, types left out being e-mailed again, and touch no one else's", async () => {
    const [ada, leo] = [uniqueName('p'), uniqueName('p')];

    await preferences.set(ada, { email: { 'workshop-scheduled': false, 'join-requested': false }, digest: 'daily' });
    const now = await preferences.set(ada, { email: { 'workshop-scheduled': false }, digest: 'daily' });

    expect(now).toEqual({ email: { ...everyType(true), 'workshop-scheduled': false }, digest: 'daily' });
    expect(await preferences.of(ada)).toEqual(now);
    expect(await preferences.emailChoice(ada, 'workshop-scheduled')).toBe('off');
    expect(await preferences.emailChoice(ada, 'join-requested')).toBe('daily');
    expect(await preferences.of(leo)).toEqual({ email: everyType(true), digest: 'immediate' });
  });
});
