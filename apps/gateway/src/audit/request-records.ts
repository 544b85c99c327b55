import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { GATEWAY_EVENTS, RequestCompleted } from '@grappes/contracts';
import { HEADERS, currentContext, declareEventStream, inNamespace } from '@grappes/messaging';
import { NATS_CONNECTION } from '@grappes/platform';
import { NatsConnection, headers as natsHeaders } from 'nats';
import { GatewayConfig } from '../gateway.config';
import { requestRecordOf } from './request-record';

/** Bounds what a NATS outage adds to an answer: the request itself needed NATS a moment before. */
const PUBLISH_TIMEOUT_MS = 2_000;

/**
 * Publishes the record of each state-changing request to the gateway's own
 * stream (EVENTS_GATEWAY), waiting for JetStream's ack: the audit service
 * writes the entry from there. The gateway has no database, so a record that
 * cannot be published is written whole to the error log instead (README,
 * Audit trail), never dropped in silence.
 */
@Injectable()
export class RequestRecords implements OnModuleInit {
  private readonly logger = new Logger(RequestRecords.name);

  constructor(
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(GatewayConfig) private readonly config: GatewayConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    // The producer declares its stream before anything publishes into it.
    await declareEventStream(await this.nats.jetstreamManager(), 'gateway', this.config.NATS_NAMESPACE);
  }

  async publish(data: RequestCompleted): Promise<void> {
    const context = currentContext();
    if (!context?.causationId) return; // not a request the correlation middleware marked as recorded
    const record = requestRecordOf(context.causationId, data);
    const h = natsHeaders();
    h.set(HEADERS.correlationId, record.correlationid);
    try {
      const subject = inNamespace(GATEWAY_EVENTS.requestCompleted.subject, this.config.NATS_NAMESPACE);
      await this.nats.jetstream().publish(subject, JSON.stringify(record), { msgID: record.id, headers: h, timeout: PUBLISH_TIMEOUT_MS });
    } catch (error) {
      this.logger.error(`Audit record ${record.id} not published (${(error as Error).message}); kept here: ${JSON.stringify(record)}`);
    }
  }
}
