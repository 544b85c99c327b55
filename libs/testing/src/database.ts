import * as os from 'node:os';

/**
 * Options for every MongoDB client a test opens inside jest (MongoClient or
 * mongoose connection).
 *
 * The mongodb driver 7.6+ loads `os` with a dynamic `import('os')` to build the
 * client metadata of its handshake. Jest runs test files in a vm sandbox that
 * refuses dynamic imports unless node runs with --experimental-vm-modules; the
 * driver swallows that error and sends an empty `client` document, which
 * mongod and SecantusDB refuse: "Missing required sub-document 'driver' in the
 * client metadata document". Handing the driver the `os` module through its
 * `runtimeAdapters` option skips the import. Apps run outside jest and need none
 * of this.
 */
export const testDatabaseOptions = { runtimeAdapters: { os } };
