import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { EVENT_CATALOGUE, EventEnvelope, GATEWAY_EVENTS, RequestCompleted } from '@grappes/contracts';
import { OnEvent, OnEvents } from '@grappes/messaging';
import { AuditConfig } from '../audit.config';
import { entryOfEvent, entryOfRequest } from './audit-entry';
import { AuditTrailRepository } from './audit-trail.repository';

/** Every fact of every stream, and the gateway's records of requests: one durable consumer per stream, named `audit`. */
const FACTS = EVENT_CATALOGUE.filter((def) => def !== GATEWAY_EVENTS.requestCompleted);

@Controller()
export class TrailEventHandlers {
  constructor(
    private readonly trail: AuditTrailRepository,
    private readonly config: AuditConfig,
  ) {}

  @OnEvent(GATEWAY_EVENTS.requestCompleted)
  request(@Payload() event: EventEnvelope<RequestCompleted>): Promise<void> {
    return this.trail.append(entryOfRequest(event, this.config.AUDIT_RETENTION_DAYS));
  }

  @OnEvents(FACTS)
  fact(@Payload() event: EventEnvelope): Promise<void> {
    return this.trail.append(entryOfEvent(event, this.config.AUDIT_RETENTION_DAYS));
  }
}
