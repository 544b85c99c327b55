// Events from two streams (members, clusters) arrive in either order; the
// notifications must not depend on it. Real MongoDB-wire server, a database of its own.
import {
  CLUSTERS_EVENTS, ClusterSnapshot, CompanyJoinedCluster, CompanySnapshot, EventEnvelope, MEMBERS_EVENTS, PersonSnapshot,
} from '@grappes/contracts';
import { createEvent } from '@grappes/messaging';
import { requireServer, testDatabaseOptions, uniqueName } from '@grappes/testing';
import mongoose, { Connection, Model } from 'mongoose';
import {
  DepartedCompany, DepartedCompanySchema, KnownCluster, KnownClusterSchema, KnownMembership, KnownMembershipSchema, Recipient,
  RecipientSchema,
} from '../recipients/recipient.schema';
import { RecipientEventsHandlers } from '../recipients/recipient-events.handlers';
import { RecipientsService } from '../recipients/recipients.service';
import { ClusterMembershipNotifier } from './cluster-membership.notifier';
import { InboxService } from './inbox.service';
import { Notification, NotificationSchema } from './notification.schema';
import { Welcomes } from './welcomes';

const MONGODB_URI = requireServer('MONGODB_URI');
const JOINED_AT = '2026-03-02T09:00:00.000Z';

let db: Connection;
let notifications: Model<Notification>;
let recipientModel: Model<Recipient>;
let people: RecipientEventsHandlers;
let clusterNotifier: ClusterMembershipNotifier;

beforeAll(async () => {
  db = await mongoose.createConnection(MONGODB_URI, { ...testDatabaseOptions, dbName: uniqueName('notifications_test') }).asPromise();
  notifications = db.model(Notification.name, NotificationSchema);
  recipientModel = db.model(Recipient.name, RecipientSchema);
  const models = [notifications, recipientModel];
  const recipients = new RecipientsService(
    recipientModel,
    db.model(KnownCluster.name, KnownClusterSchema),
    db.model(KnownMembership.name, KnownMembershipSchema),
    db.model(DepartedCompany.name, DepartedCompanySchema),
  );
  await Promise.all(models.map((m) => m.init()));
  const inbox = new InboxService(notifications);
  const welcomes = new Welcomes(recipients, inbox);
  people = new RecipientEventsHandlers(recipients, welcomes);
  clusterNotifier = new ClusterMembershipNotifier(recipients, inbox, welcomes);
});

afterAll(async () => {
  await db?.dropDatabase();
  await db?.close();
});

interface Story {
  clusterCreated: EventEnvelope<ClusterSnapshot>;
  joined: EventEnvelope<CompanyJoinedCluster>;
  personAdded: EventEnvelope<PersonSnapshot>;
  companyId: string;
  personId: string;
}

/** A company with one person joins a cluster; the person was added `addedAt`. */
function story(addedAt: string): Story {
  const [clusterId, companyId, personId] = [uniqueName('c'), uniqueName('co'), uniqueName('p')];
  const clusterCreated = createEvent(CLUSTERS_EVENTS.clusterCreated, { subject: `clusters/${clusterId}`, version: 1 }, {
    clusterId, name: 'Grappe Boîtiers', theme: 'cases', admission: 'open', version: 1,
  } as ClusterSnapshot);
  const joined = createEvent(CLUSTERS_EVENTS.companyJoinedCluster, { subject: `clusters/${clusterId}/members/${companyId}`, version: 1 }, {
    clusterId, clusterName: 'Grappe Boîtiers', theme: 'cases', companyId, companyName: 'Boîtiers du Doubs',
    role: 'member', joinedAt: JOINED_AT, version: 1,
  } as CompanyJoinedCluster);
  const personAdded = {
    ...createEvent(MEMBERS_EVENTS.personAdded, { subject: `people/${personId}`, version: 1 }, {
      personId, companyId, email: 'ada@doubs.example', firstName: 'Ada', lastName: 'Morel', role: 'member', version: 1,
    } as PersonSnapshot),
    time: addedAt,
  };
  return { clusterCreated, joined, personAdded, companyId, personId };
}

async function deliver(events: EventEnvelope[]): Promise<void> {
  for (const event of events) {
    if (event.type === CLUSTERS_EVENTS.clusterCreated.type) await people.clusterCreated(event as EventEnvelope<ClusterSnapshot>);
    else if (event.type === CLUSTERS_EVENTS.companyJoinedCluster.type) await clusterNotifier.companyJoined(event as EventEnvelope<CompanyJoinedCluster>);
    else if (event.type === MEMBERS_EVENTS.personAdded.type) await people.personAdded(event as EventEnvelope<PersonSnapshot>);
    else if (event.type === MEMBERS_EVENTS.companyDeactivated.type) await people.companyDeactivated(event as EventEnvelope<CompanySnapshot>);
  }
}

const welcomesOf = (personId: string) => notifications.countDocuments({ recipientId: personId, kind: 'welcome' });

describe.each([
  ['person-added, then company-joined-cluster', (s: Story) => [s.clusterCreated, s.personAdded, s.joined]],
  ['company-joined-cluster, then person-added', (s: Story) => [s.clusterCreated, s.joined, s.personAdded]],
])('events arriving in the order %s', (_order, arrange) => {
  it('welcomes once a person added before the company joined', async () => {
    const s = story('2026-03-01T09:00:00.000Z');

    await deliver(arrange(s));
    expect(await welcomesOf(s.personId)).toBe(1);

    await deliver(arrange(s)); // every event redelivered
    expect(await welcomesOf(s.personId)).toBe(1);
  });

  it('does not welcome a person added after the company joined', async () => {
    const s = story('2026-03-05T09:00:00.000Z');

    await deliver(arrange(s));

    expect(await welcomesOf(s.personId)).toBe(0);
  });
});

describe('a person whose event arrives after their company left the federation', () => {
  it('is not made a recipient again, and is not welcomed', async () => {
    const s = story('2026-03-01T09:00:00.000Z');
    const deactivated = createEvent(MEMBERS_EVENTS.companyDeactivated, { subject: `companies/${s.companyId}`, version: 3 }, {
      companyId: s.companyId, version: 3,
    } as CompanySnapshot);

    await deliver([s.clusterCreated, s.joined, deactivated, s.personAdded]);

    expect(await recipientModel.findById(s.personId).lean()).toMatchObject({ removed: true });
    expect(await welcomesOf(s.personId)).toBe(0);
  });
});
