/**
 * What the MongoDB compatibility tests share (the `*.spec.ts` files beside this one).
 *
 * The services run on MongoDB 7 or 8 in production; where none can be had
 * (this project's machines, CI) SecantusDB stands in. The code may only rely on
 * what MongoDB does, and every operation, operator, index kind and option it
 * relies on has a test in this folder, run against whatever MONGODB_URI points
 * to: green means the code's queries and writes mean the same on that server.
 * Before using a new one in the code, add it here first. Where a stand-in
 * diverges, the test asserts per server what each one does, so that the
 * divergence stays written down and the tests stay green on MongoDB itself.
 */
import mongoose from 'mongoose';
import { requireServer, testDatabaseOptions, uniqueName } from '@grappes/testing';

export type Client = InstanceType<typeof mongoose.mongo.MongoClient>;
export type Db = ReturnType<Client['db']>;
/** A test document of any shape, with the kinds of `_id` the services use. */
export type Doc = mongoose.mongo.Document & { _id?: string | number | InstanceType<typeof mongoose.mongo.ObjectId> };

/** `secantusdb-rs` is the Rust server, `secantusdb-py` the Python reference server. */
export type ServerKind = 'mongodb' | 'secantusdb-rs' | 'secantusdb-py';

export const MONGODB_URI = requireServer('MONGODB_URI');

/** A client with its default pool, as the services open theirs. */
export function connect(): Promise<Client> {
  return new mongoose.mongo.MongoClient(MONGODB_URI, testDatabaseOptions).connect();
}

/** SecantusDB answers `buildInfo` with its own `secantusVersion`; only the Rust build names its compiler. */
export async function serverKind(db: Db): Promise<ServerKind> {
  const info = await db.admin().command({ buildInfo: 1 });
  if (!('secantusVersion' in info)) return 'mongodb';
  return info['buildEnvironment']?.cc === 'rustc' ? 'secantusdb-rs' : 'secantusdb-py';
}

/** A database of its own for one test file, dropped after it. */
export function useCompatDatabase() {
  const state = {} as { client: Client; db: Db; server: ServerKind };
  beforeAll(async () => {
    state.client = await connect();
    state.db = state.client.db(uniqueName('compat_test'));
    state.server = await serverKind(state.db);
  });
  afterAll(async () => {
    await state.db?.dropDatabase();
    await state.client?.close();
  });
  return state;
}

/** The server's error code of a write, or undefined when it succeeded. */
export function codeOf(write: Promise<unknown>): Promise<number | undefined> {
  return write.then(
    () => undefined,
    (error: { code?: number }) => error.code,
  );
}

export const DUPLICATE_KEY = 11000;

/** Tells apart the server and the database in a test title. */
export const serverLabel = MONGODB_URI.replace(/\/\/[^@]*@/, '//');
