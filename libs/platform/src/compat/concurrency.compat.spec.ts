/**
 * MongoDB compatibility: concurrent writers on one document from several
 * connection pools, as N instances of a service are (see `compat-database.ts`).
 */
import { uniqueName } from '@grappes/testing';
import { Client, connect, serverLabel, useCompatDatabase } from './compat-database';

const POOLS = 4;
const compat = useCompatDatabase();
let clients: Client[] = [];

beforeAll(async () => {
  clients = await Promise.all(Array.from({ length: POOLS }, connect));
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
});

type Counter = { _id: string; version: number; n: number };
const countersIn = (client: Client, name: string) => client.db(compat.db.databaseName).collection<Counter>(name);

describe(`MongoDB under concurrent writers from ${POOLS} connection pools (${serverLabel})`, () => {
  it('loses none of 400 version-checked findOneAndUpdate attempts: every success saw a distinct version', async () => {
    const name = uniqueName('clusters');
    await countersIn(compat.client, name).insertOne({ _id: 'c-1', version: 0, n: 0 });
    const seen: number[] = [];
    const worker = async (client: Client) => {
      const counters = countersIn(client, name);
      for (let attempt = 0; attempt < 10; attempt++) {
        const version = (await counters.findOne({ _id: 'c-1' }))?.version ?? -1;
        const updated = await counters.findOneAndUpdate({ _id: 'c-1', version }, { $inc: { version: 1, n: 1 } }, { returnDocument: 'after' });
        if (updated) seen.push(version);
      }
    };

    await Promise.all(clients.flatMap((client) => Array.from({ length: 10 }, () => worker(client))));

    const final = await countersIn(compat.client, name).findOne({ _id: 'c-1' });
    expect(seen.length).toBeGreaterThan(0);
    expect(final).toEqual({ _id: 'c-1', version: seen.length, n: seen.length });
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('applies every one of 200 concurrent $inc of one field', async () => {
    const name = uniqueName('counters');
    await countersIn(compat.client, name).insertOne({ _id: 'c-1', version: 0, n: 0 });

    await Promise.all(
      Array.from({ length: 200 }, (_, i) => countersIn(clients[i % POOLS], name).updateOne({ _id: 'c-1' }, { $inc: { n: 1 } })),
    );

    expect((await countersIn(compat.client, name).findOne({ _id: 'c-1' }))?.n).toBe(200);
  });
});
