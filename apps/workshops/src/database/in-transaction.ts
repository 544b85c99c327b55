import { outboxWrites } from '@grappes/messaging';
import { ClientSession, Connection } from 'mongoose';

const GIVE_UP_AFTER_MS = 30_000;
const hasLabel = (error: unknown, label: string) => (error as { hasErrorLabel?: (l: string) => boolean })?.hasErrorLabel?.(label) === true;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs a use case that changes several documents (the workshop's counters,
 * its registrations and their events) in one transaction. Transactions that
 * touch the same workshop conflict; the loser starts again after a random
 * pause that grows with its attempts, so that a crowd of them does not keep
 * colliding. The outbox relay is woken after the commit, when the events are
 * visible.
 */
export async function inTransaction<T>(connection: Connection, work: (session: ClientSession) => Promise<T>): Promise<T> {
  const session = await connection.startSession();
  const deadline = Date.now() + GIVE_UP_AFTER_MS;
  try {
    for (let attempt = 0; ; attempt++) {
      session.startTransaction();
      try {
        const result = await work(session);
        await commit(session);
        outboxWrites.emit('write');
        return result;
      } catch (error) {
        if (session.inTransaction()) await session.abortTransaction().catch(() => undefined);
        if (!hasLabel(error, 'TransientTransactionError') || Date.now() > deadline) throw error;
        await pause(Math.random() * Math.min(200, 5 * 2 ** attempt));
      }
    }
  } finally {
    await session.endSession();
  }
}

async function commit(session: ClientSession): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await session.commitTransaction();
    } catch (error) {
      if (!hasLabel(error, 'UnknownTransactionCommitResult') || attempt >= 3) throw error;
    }
  }
}
