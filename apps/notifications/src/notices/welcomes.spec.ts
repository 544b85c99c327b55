// Events from two streams (members, clusters) arrive in either order; the
// welcomes must not depend on it. Real MongoDB-wire server, a database of its own.
import { MEMBERS_EVENTS } from '@grappes/contracts';
import { uniqueName } from '@grappes/testing';
import { Notification } from '../inbox/notification.schema';
import { KnownPerson } from '../people/known-person.schema';
import { NotificationsHarness } from '../testing/harness';
import { clusterCreated, companyEvent, companyJoined, person, personAdded } from '../testing/events';
import { NoticesModule } from './notices.module';

const JOINED_AT = '2026-03-02T09:00:00.000Z';

let harness: NotificationsHarness;

beforeAll(async () => {
  harness = await NotificationsHarness.start([NoticesModule]);
});

afterAll(() => harness?.close());

/** A company with one person joins a cluster; the person was added `addedAt`. */
function story(addedAt: string) {
  const [clusterId, companyId] = [uniqueName('c'), uniqueName('co')];
  const ada = person('member', companyId);
  return {
    ada, companyId,
    clusterCreated: clusterCreated(clusterId), joined: companyJoined(clusterId, companyId, JOINED_AT), personAdded: personAdded(ada, addedAt),
  };
}
type Story = ReturnType<typeof story>;

const welcomesOf = (personId: string) => harness.model<Notification>(Notification.name).countDocuments({ recipientId: personId, kind: 'welcome' });

describe.each([
  ['person-added, then company-joined-cluster', (s: Story) => [s.clusterCreated, s.personAdded, s.joined]],
  ['company-joined-cluster, then person-added', (s: Story) => [s.clusterCreated, s.joined, s.personAdded]],
])('events arriving in the order %s', (_order, arrange) => {
  it('welcomes once a person added before the company joined', async () => {
    const s = story('2026-03-01T09:00:00.000Z');

    await harness.deliver(...arrange(s));
    expect(await welcomesOf(s.ada.personId)).toBe(1);

    await harness.deliver(...arrange(s)); // every event redelivered
    expect(await welcomesOf(s.ada.personId)).toBe(1);
  });

  it('does not welcome a person added after the company joined', async () => {
    const s = story('2026-03-05T09:00:00.000Z');

    await harness.deliver(...arrange(s));

    expect(await welcomesOf(s.ada.personId)).toBe(0);
  });
});

describe('a person whose event arrives after their company left the federation', () => {
  it('is not made a recipient again, and is not welcomed', async () => {
    const s = story('2026-03-01T09:00:00.000Z');
    const deactivated = companyEvent(MEMBERS_EVENTS.companyDeactivated, s.companyId, '2026-03-03T09:00:00.000Z', 3);

    await harness.deliver(s.clusterCreated, s.joined, deactivated, s.personAdded);

    expect(await harness.model<KnownPerson>(KnownPerson.name).findById(s.ada.personId).lean()).toMatchObject({ removed: true });
    expect(await welcomesOf(s.ada.personId)).toBe(0);
  });
});
