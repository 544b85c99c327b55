import { ClientSession, Connection } from 'mongoose';
import { outboxWrites } from './outbox';

const GIVE_UP_AFTER_MS = 30_000;
const COMMIT_RETRIES = 3;

const hasLabel = (error: unknown, label: string) =>
  (error as { hasErrorLabel?: (l: string) => boolean })?.hasErrorLabel?.(label) === true;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` as one multi-document transaction, for a change that spans
 * documents (an aggregate and its events stored elsewhere, a removal and its
 * archive, a workshop's seats and its registrations). `work` must read and
 * write only through `session`: a transient conflict with another transaction
 * runs it again from the start, after a random pause that grows with the
 * attempts, so that a crowd of transactions on one document (a hundred
 * registrations for one workshop) does not keep colliding, as immediate
 * retries do. The outbox relay is woken once the transaction has committed: the
 * schema hooks that normally wake it fire inside the transaction, before its
 * writes can be seen.
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

/** A commit whose outcome is unknown (a lost connection) is safe to send again. */
async function commit(session: ClientSession): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await session.commitTransaction();
    } catch (error) {
      if (!hasLabel(error, 'UnknownTransactionCommitResult') || attempt >= COMMIT_RETRIES) throw error;
    }
  }
}
