/**
 * An event as it travels on JetStream: CloudEvents 1.0 attributes plus the
 * trace (`correlationid`, `causationid`) and the aggregate's version.
 */
export interface EventEnvelope<D = unknown> {
  specversion: '1.0';
  id: string;
  type: string;
  source: string;
  subject: string;
  time: string;
  datacontenttype: 'application/json';
  correlationid: string;
  causationid?: string;
  aggregateversion: number;
  data: D;
}

/** The gateway publishes only the record of each state-changing request (gateway.events.ts), with no outbox: it has no database. */
export const PRODUCERS = ['members', 'clusters', 'workshops', 'notifications', 'gateway'] as const;
export type Producer = (typeof PRODUCERS)[number];

export function isProducer(name: string): name is Producer {
  return (PRODUCERS as readonly string[]).includes(name);
}

/** The JetStream stream a producer publishes into: `EVENTS_CLUSTERS` on `events.clusters.>`. */
export function streamOf(producer: Producer): { name: string; subjects: string[] } {
  return { name: `EVENTS_${producer.toUpperCase()}`, subjects: [`events.${producer}.>`] };
}
