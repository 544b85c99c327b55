import { ClientSession, Connection } from 'mongoose';
import { outboxWrites } from './outbox';

/**
 * Runs `work` as one multi-document transaction, for a change that spans
 * documents (an aggregate and its events stored elsewhere, a removal and its
 * archive). A transient conflict with another transaction runs `work` again
 * from the start, so it must only read and write through `session`. The outbox
 * relay is woken once the transaction has committed: the schema hooks that
 * normally wake it fire inside the transaction, before its writes can be seen.
 */
export async function inTransaction<T>(connection: Connection, work: (session: ClientSession) => Promise<T>): Promise<T> {
  const result = await connection.transaction(work);
  outboxWrites.emit('write');
  return result;
}
