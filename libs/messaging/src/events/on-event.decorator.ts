import { EventPattern } from '@nestjs/microservices';
import type { EventDefinition } from '@grappes/contracts';

/** Marks the transport of JetStream events, so core NATS messages never reach event handlers. */
export const JETSTREAM_TRANSPORT = Symbol('jetstream');

/** Handles the durable event `def`; the handler receives the whole validated envelope. */
export function OnEvent(def: EventDefinition): MethodDecorator {
  return EventPattern(def.subject, JETSTREAM_TRANSPORT);
}

/** One handler for each of the events `defs` (a consumer that treats them all alike: the audit trail). */
export function OnEvents(defs: EventDefinition[]): MethodDecorator {
  return EventPattern(defs.map((def) => def.subject), JETSTREAM_TRANSPORT);
}
