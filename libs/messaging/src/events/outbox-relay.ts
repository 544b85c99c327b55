import { BeforeApplicationShutdown, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { EventEnvelope, natsSubjectOf } from '@grappes/contracts';
import { Model } from 'mongoose';
import { JetStreamClient, headers as natsHeaders } from 'nats';
import { HEADERS } from '../context/headers';
import { MessagingMetrics } from '../metrics/messaging-metrics';
import { Aggregate, HAS_PENDING_EVENTS, outboxWrites } from './outbox';
import { inNamespace } from './streams';

export interface OutboxRelayOptions {
  sweepIntervalMs: number;
  batchSize?: number;
  /** Isolates streams and subjects on a shared server (tests); see `inNamespace`. */
  namespace?: string;
  /** Told each event published and, after each pass, how many are left (one more query per aggregate). */
  metrics?: MessagingMetrics;
}

/** The events waiting in an aggregate collection. */
const COUNT_PENDING = [{ $match: HAS_PENDING_EVENTS }, { $unwind: '$pendingEvents' }, { $count: 'events' }];

/**
 * Publishes the events waiting in aggregates to JetStream, then removes them.
 * Woken after each write; a timer sweep repairs a crash between write and
 * publish. Several instances may relay at once: `Nats-Msg-Id` = event id makes
 * JetStream drop the duplicate.
 */
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly wake = () => void this.drain();
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private models: Model<Aggregate>[] = [];
  private again = false;
  private stopped = false;

  constructor(
    private readonly js: JetStreamClient,
    /** Resolved at bootstrap, once every feature module has registered its models. */
    private readonly aggregates: () => Model<Aggregate>[],
    private readonly options: OutboxRelayOptions,
  ) {}

  onApplicationBootstrap(): void {
    this.models = this.aggregates();
    outboxWrites.on('write', this.wake);
    this.timer = setInterval(() => void this.sweep(), this.options.sweepIntervalMs);
    this.timer.unref();
    void this.sweep();
  }

  /** Before the database and NATS connections close: the pass in hand finishes first. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    outboxWrites.off('write', this.wake);
    clearInterval(this.timer);
    await this.running;
  }

  /**
   * The timed pass: publishes what is pending (a crash between a write and its
   * publication is repaired here), then measures the backlog. Writes wake
   * `drain` alone, so the measure stays off their path.
   */
  async sweep(): Promise<void> {
    await this.drain();
    await this.measurePending();
  }

  /** Publishes everything pending; concurrent calls fold into one more pass. */
  drain(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.passes().finally(() => {
      this.running = undefined;
      // A wake that came after the last pass looked, but before it ended, is not lost.
      if (this.again) void this.drain();
    });
    return this.running;
  }

  private async passes(): Promise<void> {
    do {
      this.again = false;
      try {
        for (const model of this.models) await this.relay(model);
      } catch (error) {
        // Left pending: the next wake or sweep tries again.
        this.logger.warn(`Outbox relay pass failed: ${(error as Error).message}`);
      }
    } while (this.again && !this.stopped);
  }

  private async measurePending(): Promise<void> {
    const metrics = this.options.metrics;
    if (!metrics || this.stopped) return;
    try {
      let events = 0;
      for (const model of this.models) {
        const [counted] = await model.collection.aggregate<{ events: number }>(COUNT_PENDING).toArray();
        events += counted?.events ?? 0;
      }
      metrics.eventsPending(events);
    } catch (error) {
      // The gauge keeps its last value; the next pass measures again.
      this.logger.warn(`Outbox backlog not measured: ${(error as Error).message}`);
    }
  }

  /**
   * Each aggregate on its own: one whose event cannot be published is left
   * for the next pass, and the others still go out.
   */
  private async relay(model: Model<Aggregate>): Promise<void> {
    const batchSize = this.options.batchSize ?? 100;
    const failed: unknown[] = [];
    for (;;) {
      const filter = failed.length ? { ...HAS_PENDING_EVENTS, _id: { $nin: failed } } : HAS_PENDING_EVENTS;
      const docs = await model.find(filter, { pendingEvents: 1 }).limit(batchSize).lean();
      for (const doc of docs) {
        try {
          await this.relayAggregate(model, doc);
        } catch (error) {
          failed.push(doc._id);
          this.logger.warn(`Events of ${model.modelName} ${String(doc._id)} not published: ${(error as Error).message}`);
        }
      }
      if (docs.length < batchSize) return;
    }
  }

  private async relayAggregate(model: Model<Aggregate>, doc: Pick<Aggregate, 'pendingEvents'> & { _id: unknown }): Promise<void> {
    // In order: the events of one aggregate leave as they were recorded; a failure stops the rest of its events.
    for (const event of doc.pendingEvents) {
      await this.publish(event);
      // Removed by its exact value as read, not by a condition: an event is never changed once recorded. The
      // raw collection is used so that removing them does not wake the relay again.
      const removed = await model.collection.updateOne({ _id: doc._id } as object, { $pullAll: { pendingEvents: [event] } } as object);
      this.options.metrics?.eventPublished();
      // Another relay removed it first (harmless), or it was changed in place (a defect): either way, counted.
      if (removed.modifiedCount === 0) this.options.metrics?.eventRemovalMissed();
    }
  }

  private async publish(event: EventEnvelope): Promise<void> {
    const h = natsHeaders();
    h.set(HEADERS.correlationId, event.correlationid);
    await this.js.publish(inNamespace(natsSubjectOf(event), this.options.namespace), JSON.stringify(event), { msgID: event.id, headers: h });
  }
}
