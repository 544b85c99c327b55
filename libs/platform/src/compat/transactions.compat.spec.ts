/**
 * MongoDB compatibility: multi-document transactions (account removal, workshop
 * registrations). See `compat-database.ts`.
 */
import { uniqueName } from '@grappes/testing';
import { serverLabel, useCompatDatabase } from './compat-database';

const compat = useCompatDatabase();

/** Two collections that exist before the transactions use them. */
async function collections() {
  const people = compat.db.collection<{ _id: string; n?: number }>(uniqueName('people'));
  const archive = compat.db.collection<{ _id: string }>(uniqueName('removed_people'));
  await people.insertOne({ _id: 'p-0', n: 0 });
  await archive.insertOne({ _id: 'seed' });
  return { people, archive };
}

class Refused extends Error {}

describe(`MongoDB transactions the code relies on (${serverLabel})`, () => {
  it('applies both writes of a committed transaction', async () => {
    const { people, archive } = await collections();

    await compat.client.withSession((session) =>
      session.withTransaction(async () => {
        await people.deleteOne({ _id: 'p-0' }, { session });
        await archive.insertOne({ _id: 'p-0' }, { session });
      }),
    );

    expect(await people.countDocuments({ _id: 'p-0' })).toBe(0);
    expect(await archive.countDocuments({ _id: 'p-0' })).toBe(1);
  });

  it('applies none of the writes of a transaction that throws, and the error reaches the caller', async () => {
    const { people, archive } = await collections();

    const run = compat.client.withSession((session) =>
      session.withTransaction(async () => {
        await people.deleteOne({ _id: 'p-0' }, { session });
        await archive.insertOne({ _id: 'p-0' }, { session });
        throw new Refused('changed meanwhile');
      }),
    );

    await expect(run).rejects.toBeInstanceOf(Refused);
    expect(await people.countDocuments({ _id: 'p-0' })).toBe(1);
    expect(await archive.countDocuments({ _id: 'p-0' })).toBe(0);
  });

  it('refuses a write to a document another open transaction wrote with a transient WriteConflict (112)', async () => {
    const { people } = await collections();
    const first = compat.client.startSession();
    const second = compat.client.startSession();
    try {
      first.startTransaction();
      await people.updateOne({ _id: 'p-0' }, { $inc: { n: 1 } }, { session: first });
      second.startTransaction();

      const conflict = await people.updateOne({ _id: 'p-0' }, { $inc: { n: 1 } }, { session: second }).catch((error) => error);

      expect(conflict).toMatchObject({ code: 112 });
      expect(conflict.hasErrorLabel('TransientTransactionError')).toBe(true);
      await second.abortTransaction();
      await first.commitTransaction();
      expect((await people.findOne({ _id: 'p-0' }))?.n).toBe(1);
    } finally {
      await Promise.all([first.endSession(), second.endSession()]);
    }
  });

  it('withTransaction retries a transaction that lost a write conflict until it commits, so both increments land', async () => {
    const { people } = await collections();
    let secondAttempts = 0;
    let firstWrote!: () => void;
    let secondTried!: () => void;
    const wrote = new Promise<void>((resolve) => (firstWrote = resolve));
    const tried = new Promise<void>((resolve) => (secondTried = resolve));

    // The first holds its write open until the second has tried and conflicted.
    const first = compat.client.withSession((session) =>
      session.withTransaction(async () => {
        await people.updateOne({ _id: 'p-0' }, { $inc: { n: 1 } }, { session });
        firstWrote();
        await tried;
      }),
    );
    await wrote;
    const second = compat.client.withSession((session) =>
      session.withTransaction(async () => {
        secondAttempts++;
        try {
          await people.updateOne({ _id: 'p-0' }, { $inc: { n: 1 } }, { session });
        } finally {
          secondTried();
        }
      }),
    );
    await Promise.all([first, second]);

    expect(secondAttempts).toBeGreaterThanOrEqual(2);
    expect((await people.findOne({ _id: 'p-0' }))?.n).toBe(2);
  });
});
