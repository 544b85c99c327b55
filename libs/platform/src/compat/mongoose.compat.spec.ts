/**
 * MongoDB compatibility: what mongoose adds on top of the driver and the
 * schemas rely on (see `compat-database.ts`).
 */
import mongoose, { Connection, Model } from 'mongoose';
import { sleep, testDatabaseOptions, uniqueName } from '@grappes/testing';
import { MONGODB_URI, serverLabel } from './compat-database';

interface Workshop {
  _id: string;
  title: string;
  createdAt: Date;
  updatedAt: Date;
}

let connection: Connection;
let workshops: Model<Workshop>;

beforeAll(async () => {
  connection = await mongoose.createConnection(MONGODB_URI, { ...testDatabaseOptions, dbName: uniqueName('compat_mongoose') }).asPromise();
  const schema = new mongoose.Schema<Workshop>({ _id: String, title: String }, { timestamps: true });
  workshops = connection.model<Workshop>('Workshop', schema, uniqueName('workshops'));
});

afterAll(async () => {
  await connection?.dropDatabase();
  await connection?.close();
});

describe(`mongoose features the schemas rely on (${serverLabel})`, () => {
  it('sets createdAt and updatedAt on create, and moves only updatedAt on updateOne', async () => {
    const created = await workshops.create({ _id: 'w-1', title: 'Boîtiers' });
    await sleep(5);

    await workshops.updateOne({ _id: 'w-1' }, { $set: { title: 'Boîtiers acier' } });

    const stored = await workshops.findById('w-1').lean<Workshop>();
    expect(stored?.createdAt).toEqual(created.createdAt);
    expect(stored?.updatedAt.getTime()).toBeGreaterThan(created.updatedAt.getTime());
  });

  it("moves updatedAt on findOneAndUpdate and returns the document after the change with returnDocument: 'after'", async () => {
    const created = await workshops.create({ _id: 'w-2', title: 'Cadrans' });
    await sleep(5);

    const updated = await workshops.findOneAndUpdate({ _id: 'w-2' }, { $set: { title: 'Cadrans émail' } }, { returnDocument: 'after' }).lean<Workshop>();

    expect(updated?.title).toBe('Cadrans émail');
    expect(updated?.updatedAt.getTime()).toBeGreaterThan(created.updatedAt.getTime());
    expect(updated?.createdAt).toEqual(created.createdAt);
  });
});
