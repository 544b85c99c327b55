import { EventDefinition, EventEnvelope } from '@grappes/contracts';
import { randomUUID } from 'node:crypto';
import { currentContext, currentCorrelationId } from '../context/request-context';

export interface AggregateRef {
  /** The aggregate the event is about, e.g. `clusters/6650…`. */
  subject: string;
  /** The aggregate's version after the change. */
  version: number;
}

/** Wraps a fact in its envelope, inheriting the trace of the work that causes it. */
export function createEvent<D>(def: EventDefinition<D>, aggregate: AggregateRef, data: D): EventEnvelope<D> {
  const causationId = currentContext()?.causationId;
  return {
    specversion: '1.0',
    id: randomUUID(),
    type: def.type,
    source: `/grappes/${def.producer}`,
    subject: aggregate.subject,
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    correlationid: currentCorrelationId(),
    ...(causationId ? { causationid: causationId } : {}),
    aggregateversion: aggregate.version,
    data,
  };
}
