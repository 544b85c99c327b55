import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Principal } from '@grappes/contracts';

/**
 * What a unit of work knows of its origin: the trace it belongs to, the event
 * that caused it and who asked. Logs, outgoing requests and new events read it.
 */
export interface RequestContext {
  correlationId: string;
  causationId?: string;
  principal?: Principal;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runInContext<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}

export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

export function currentCorrelationId(): string {
  return storage.getStore()?.correlationId ?? randomUUID();
}
