// Event throughput: events published straight to JetStream, shaped as the
// clusters service publishes `company-joined-cluster` (one aggregate each, as
// every membership is), and the time until the notifications service, through
// its durable consumer, has acknowledged every one of them.
import { randomUUID } from 'node:crypto';
import { connect } from 'nats';

const STREAM = 'EVENTS_CLUSTERS';
const CONSUMER = 'notifications';
const PUBLISH_IN_FLIGHT = 500;
const TIMEOUT_MS = 300_000;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The envelope clusters writes for a join (libs/messaging/src/events/event-factory.ts), of a company that exists only here. */
function joined(cluster, run, i) {
  const companyId = `bench-${run}-${i}`;
  return {
    specversion: '1.0', id: randomUUID(), type: 'grappes.clusters.company-joined-cluster.v1', source: '/grappes/clusters',
    subject: `clusters/${cluster.id}/members/${companyId}`, time: new Date().toISOString(), datacontenttype: 'application/json',
    correlationid: randomUUID(), aggregateversion: 1,
    data: {
      version: 1, clusterId: cluster.id, clusterName: cluster.name, theme: cluster.theme, companyId,
      companyName: `Banc événements ${run}-${i}`, role: 'member', joinedAt: new Date().toISOString(),
    },
  };
}

/**
 * Publishes `count` joins over the given clusters as fast as JetStream takes
 * them, and counts from the first publication until the consumer's ack floor
 * passes the last: events/s handled, whatever the number of instances sharing
 * the durable consumer. The other services consuming the stream (members,
 * workshops) share the machine meanwhile, as they would in production.
 */
export async function eventThroughput(natsUrl, clusters, count) {
  const nc = await connect({ servers: natsUrl });
  try {
    const js = nc.jetstream();
    const jsm = await nc.jetstreamManager();
    const run = randomUUID().slice(0, 8);
    const events = Array.from({ length: count }, (_, i) => joined(clusters[i % clusters.length], run, i));
    const started = performance.now();
    let lastSeq = 0;
    for (let i = 0; i < events.length; i += PUBLISH_IN_FLIGHT) {
      const acks = await Promise.all(events.slice(i, i + PUBLISH_IN_FLIGHT).map((e) => js.publish('events.clusters.company-joined-cluster', JSON.stringify(e), { msgID: e.id })));
      lastSeq = Math.max(lastSeq, ...acks.map((a) => a.seq));
    }
    const publishedMs = performance.now() - started;
    let info;
    do {
      await sleep(100);
      info = await jsm.consumers.info(STREAM, CONSUMER);
    } while (info.ack_floor.stream_seq < lastSeq && performance.now() - started < TIMEOUT_MS);
    const seconds = (performance.now() - started) / 1000;
    if (info.ack_floor.stream_seq < lastSeq) throw new Error(`events: ${lastSeq - info.ack_floor.stream_seq} of ${count} not handled within ${TIMEOUT_MS / 1000} s`);
    return { eventsPerSecond: Math.round(count / seconds), seconds: Math.round(seconds * 10) / 10, publishedInMs: Math.round(publishedMs), redelivered: info.num_redelivered };
  } finally {
    await nc.close();
  }
}
