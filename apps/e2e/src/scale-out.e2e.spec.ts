import { connect, NatsConnection } from 'nats';
import { THEMES, isValidSiren } from '@grappes/contracts';
import { requireServer, waitFor } from '@grappes/testing';
import { ApiClient } from './support/client';
import { sumOf } from './support/metrics';
import { Platform, Service } from './support/platform';
import { usePlatform } from './support/use-platform';

const PASSWORD = 'demo-password-1';
const JOINED = 'events.clusters.company-joined-cluster';
const inDays = (days: number, hours = 0) => new Date(Date.now() + days * 86_400_000 + hours * 3_600_000).toISOString();

/** The n-th of a series of SIRENs: eight digits and the check digit that makes them valid. */
function siren(n: number): string {
  const prefix = `7${String(n).padStart(7, '0')}`;
  return [...'0123456789'].map((digit) => prefix + digit).filter(isValidSiren)[0];
}

const company = (name: string, n: number) => ({
  name, siren: siren(n), category: 'components-and-microtechnics', capabilities: ['movements'], region: 'Bourgogne-Franche-Comté',
});

const sum = (counts: number[]) => counts.reduce((total, count) => total + count, 0);

/** Runs `task` over `items`, `width` at a time: a burst the machine can carry within the request timeout. */
async function inParallel<T, R>(items: T[], width: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]);
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  return results;
}

/** Every event on `subject` in the clusters' stream about `aggregate`, read straight from JetStream. */
async function eventsAbout(platform: Platform, nats: NatsConnection, name: string, aggregate: string): Promise<{ subject: string }[]> {
  const [jsm, stream, subject] = [await nats.jetstreamManager(), platform.stream('EVENTS_CLUSTERS'), platform.subject(name)];
  const stored = (await jsm.streams.info(stream, { subjects_filter: subject })).state.subjects?.[subject] ?? 0;
  if (stored === 0) return [];
  const consumer = await nats.jetstream().consumers.get(stream, { filterSubjects: [subject] });
  const events: { subject: string }[] = [];
  for await (const message of await consumer.fetch({ max_messages: stored, expires: 5_000 })) events.push(message.json());
  return events.filter((event) => event.subject === aggregate);
}

/** A person's whole inbox, page by page. */
async function inboxOf(client: ApiClient): Promise<{ type: string; data: Record<string, string> }[]> {
  const items = [];
  for (let page = 1; ; page++) {
    const reply = (await client.get(`/notifications?limit=100&page=${page}`)).body;
    items.push(...reply.items);
    if (items.length >= reply.total || reply.items.length === 0) return items;
  }
}

describe('several instances of clusters, workshops and notifications on one database and one NATS', () => {
  const { platform, anonymous, admin } = usePlatform({
    instances: { clusters: 2, workshops: 2, notifications: 2 },
    env: { RATE_LIMIT_PER_MINUTE: '100000' },
  });
  let nats: NatsConnection;

  /** One counter as each instance of a service sees it, in start order. */
  const perInstance = async (service: Service, name: string, labels: Record<string, string>) =>
    Promise.all(
      platform.instancePorts[service].map(async (port) => sumOf(await (await fetch(`http://127.0.0.1:${port}/metrics`)).text(), name, labels)),
    );
  const joinRequests = () => perInstance('clusters', 'grappes_rpc_requests_total', { subject: 'rpc.clusters.join-cluster' });
  const joinsNotified = () => perInstance('notifications', 'grappes_events_handled_total', { subject: JOINED, outcome: 'ok' });

  beforeAll(async () => {
    nats = await connect({ servers: requireServer('NATS_URL').split(',') });
  });

  afterAll(() => nats?.close());

  it('lets exactly one of twenty simultaneous joins of one company through, with one event', async () => {
    const companyId = (await admin.post('/companies', company('Axes Simultanés', 0))).body.id;
    const cluster = (await admin.post('/clusters', { name: 'Grappe Concurrente', theme: 'movements', admission: 'open' })).body;

    const joins = await Promise.all(Array.from({ length: 20 }, () => admin.post(`/clusters/${cluster.id}/members`, { companyId })));

    const statuses = joins.map((join) => join.status).sort();
    expect(statuses).toEqual([201, ...Array(19).fill(409)]);
    const members = (await admin.get(`/clusters/${cluster.id}`)).body.members;
    expect(members.filter((m: { companyId: string }) => m.companyId === companyId)).toHaveLength(1);
    const told = async () => (await inboxOf(admin)).some((n) => n.type === 'company-joined-cluster' && n.data.companyId === companyId);
    await waitFor(told, 'staff told of the join');
    expect(await eventsAbout(platform, nats, JOINED, `clusters/${cluster.id}/members/${companyId}`)).toHaveLength(1);
  });

  describe('a burst of 200 joins: 20 companies into 10 clusters', () => {
    let coordinator: ApiClient;
    let clusterIds: string[];
    let companyIds: string[];

    beforeAll(async () => {
      const coordinatorId = (await admin.post('/companies', company('Coordination Horlogère', 1))).body.id;
      const person = { email: 'chef@coordination.example', firstName: 'Anne', lastName: 'Pernot', role: 'company-admin', password: PASSWORD };
      expect((await admin.post(`/companies/${coordinatorId}/people`, person)).status).toBe(201);
      coordinator = await anonymous.login(person.email, PASSWORD);
      // People and joins reach notifications by different streams: the coordinator's person must be known first.
      const peopleKnown = async () => sum(await perInstance('notifications', 'grappes_events_handled_total', { subject: 'events.members.person-added', outcome: 'ok' })) >= 2;
      await waitFor(peopleKnown, 'notifications to know the admin and the coordinator');
      clusterIds = await inParallel([...THEMES], 5, async (theme) => {
        const created = await admin.post('/clusters', { name: `Grappe ${theme}`, theme, admission: 'open', coordinatorCompanyId: coordinatorId });
        return created.body.id;
      });
      const names = Array.from({ length: 20 }, (_, i) => i);
      companyIds = await inParallel(names, 5, async (i) => (await admin.post('/companies', company(`Pignons ${i}`, 100 + i))).body.id);
      // The coordinator's welcome to each cluster: notifications knows the clusters and the coordinator's person.
      const welcomed = async () => (await inboxOf(coordinator)).filter((n) => n.type === 'company-joined-cluster').length >= 20;
      await waitFor(welcomed, 'the coordinator welcomed to its ten clusters', 20_000);
    });

    /** Each recipient's notices of the burst's joins, keyed by cluster and company. */
    const noticesOfBurst = async (client: ApiClient) =>
      (await inboxOf(client))
        .filter((n) => n.type === 'company-joined-cluster' && companyIds.includes(n.data.companyId))
        .map((n) => `${n.data.clusterId}:${n.data.companyId}`);

    it('tells staff and the coordinator once of every join, the work split between both instances of each service', async () => {
      const [requestsBefore, notifiedBefore] = [await joinRequests(), await joinsNotified()];
      const pairs = clusterIds.flatMap((clusterId) => companyIds.map((companyId) => ({ clusterId, companyId })));

      const joins = await inParallel(pairs, 20, ({ clusterId, companyId }) => admin.post(`/clusters/${clusterId}/members`, { companyId }));

      expect(joins.filter((join) => join.status === 201)).toHaveLength(200);
      for (const recipient of [admin, coordinator]) {
        // Pages shift while notices arrive: count only once every join has been told.
        await waitFor(async () => new Set(await noticesOfBurst(recipient)).size >= 200, 'a notice of each of the 200 joins', 30_000);
        const notices = await noticesOfBurst(recipient);
        expect(notices).toHaveLength(200);
        expect(new Set(notices).size).toBe(200);
      }
      const requests = (await joinRequests()).map((count, i) => count - requestsBefore[i]);
      expect(requests.every((count) => count > 0)).toBe(true);
      expect(requests[0] + requests[1]).toBe(200);
      const notified = (await joinsNotified()).map((count, i) => count - notifiedBefore[i]);
      expect(notified.every((count) => count > 0)).toBe(true);
      expect(notified[0] + notified[1]).toBeGreaterThanOrEqual(200);
    });

    it('schedules and lists workshops on both workshops instances, each seeing every workshop', async () => {
      const subjects = ['rpc.workshops.schedule-workshop', 'rpc.workshops.list-workshops'];
      const answered = async () => {
        const counts = await Promise.all(subjects.map((subject) => perInstance('workshops', 'grappes_rpc_requests_total', { subject, outcome: 'ok' })));
        return counts[0].map((_, i) => counts[0][i] + counts[1][i]);
      };
      const before = await answered();
      const workshop = (i: number) => ({
        title: `Atelier mouvements ${i}`, theme: THEMES[0], clusterId: clusterIds[0], startsAt: inDays(10 + i), endsAt: inDays(10 + i, 3),
        location: 'Besançon, Temis', capacity: 10,
      });

      const scheduled = await inParallel(Array.from({ length: 10 }, (_, i) => i), 5, (i) => coordinator.post('/workshops', workshop(i)));
      const listed = await inParallel(Array.from({ length: 10 }, (_, i) => i), 5, () => admin.get(`/workshops?clusterId=${clusterIds[0]}`));

      expect(scheduled.map((reply) => reply.status)).toEqual(Array(10).fill(201));
      expect(listed.map((reply) => reply.body.total)).toEqual(Array(10).fill(10));
      const moved = (await answered()).map((count, i) => count - before[i]);
      expect(moved.every((count) => count > 0)).toBe(true);
      expect(moved[0] + moved[1]).toBe(20);
    });
  });
});
