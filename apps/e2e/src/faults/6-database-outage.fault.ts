import { waitFor } from '@grappes/testing';
import { FaultPlatform } from './support/fault-platform';
import { company, record, seconds } from './support/scenario';

const RPC_TIMEOUT_MS = 5_000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('the database stopped for 15 s, then started again', () => {
  const platform = new FaultPlatform();

  beforeAll(() => platform.start());
  afterAll(() => platform.stop());

  it('the gateway answers 503 within the RPC timeout while it is down, and every service recovers without a restart', async () => {
    const admin = await platform.admin();
    const before = await admin.post('/companies', company('Avant la panne', 1, 2));
    expect(before.status).toBe(201);

    await platform.database.stop();
    const stoppedAt = Date.now();
    const during: { status: number; ms: number; what: string }[] = [];
    for (let i = 0; Date.now() - stoppedAt < 15_000 && i < 100; i++) {
      const started = Date.now();
      const reply = i % 2 === 0 ? await admin.get('/clusters') : await admin.post('/companies', company(`Pendant la panne ${i}`, 10 + i, 2));
      during.push({ status: reply.status, ms: Date.now() - started, what: i % 2 === 0 ? 'GET /clusters' : 'POST /companies' });
      await sleep(250);
    }
    await platform.database.start();
    const startedAt = Date.now();
    let after = 0;
    let attempt = 0;
    // Each attempt a new company: one whose reply was lost may still have been registered.
    const registerAgain = async () => (after = (await admin.post('/companies', company('Après la panne', 200 + attempt++, 2))).status) === 201;
    await waitFor(registerAgain, 'a company registered again', 60_000).catch(() => undefined);
    await waitFor(() => platform.ready(), 'every app ready again', 30_000).catch(() => undefined);
    const recoveredAt = Date.now();
    const mongo = await platform.mongo();
    const registered = (await mongo.db(platform.databaseName('members')).collection('companies').find({}).project({ name: 1 }).toArray()).map((c) => c['name']);
    await mongo.close();

    const slow = during.filter((r) => r.ms >= RPC_TIMEOUT_MS);
    const statuses = during.reduce<Record<string, number>>((count, r) => ({ ...count, [r.status]: (count[r.status] ?? 0) + 1 }), {});
    const writesDuring = during.filter((r) => r.what === 'POST /companies' && r.status === 201).length;
    record({
      sent: during.length,
      effects: during.filter((r) => r.status === 503).length,
      lost: ['Avant la panne', 'Après la panne'].filter((name) => !registered.includes(name)).length,
      duplicates: 0,
      recoverySeconds: seconds(recoveredAt - startedAt),
      notes: { statuses, registered: registered.length, slowestMs: Math.max(...during.map((r) => r.ms)), answeredAfterTimeout: slow.length, writesAcceptedWhileDown: writesDuring },
    });
    expect(during.length).toBeGreaterThan(5);
    expect(statuses).toEqual({ 503: during.length });
    expect(slow).toEqual([]);
    expect(after).toBe(201);
    expect(await platform.ready()).toBe(true);
    expect(registered).toEqual(expect.arrayContaining(['Avant la panne', 'Après la panne']));
    expect(platform.crashed()).toEqual([]);
    expect(platform.instances.map((i) => i.history.length)).toEqual(platform.instances.map(() => 1));
  });
});
