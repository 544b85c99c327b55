/** The real servers `npm test` started (scripts/infra.mjs); these tests never mock them. */
export function requiredServers(): { natsUrl: string; mongodbUri: string } {
  const natsUrl = process.env['NATS_URL'];
  const mongodbUri = process.env['MONGODB_URI'];
  if (!natsUrl || !mongodbUri) {
    throw new Error('NATS_URL and MONGODB_URI are not set: run the tests through `npm test`, which starts nats-server and FerretDB');
  }
  return { natsUrl, mongodbUri };
}
