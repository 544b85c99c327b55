import { BeforeApplicationShutdown, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DeliveryChannel, NOTIFICATIONS_EVENTS } from '@grappes/contracts';
import { Aggregate, createEvent } from '@grappes/messaging';
import { Model } from 'mongoose';
import { EventEmitter } from 'node:events';
import { retryDelayMs } from './backoff';
import { Delivery } from './delivery.schema';

export interface DeliveryPolicy {
  maxAttempts: number;
  retryBaseMs: number;
  pollMs: number;
  /** How long an attempt in hand may take before another instance takes the delivery over. */
  leaseMs: number;
}

/** How many deliveries one instance attempts at once. */
const IN_PARALLEL = 4;

/** What a delivery's outcome event says of it. */
export interface DeliveryFacts {
  eventId: string;
  type: string;
  recipient: string;
}

/**
 * Attempts the deliveries of one channel that are due, on every instance at
 * once: each is claimed by one conditional write (its next attempt pushed past
 * the lease, its attempts counted), so that two instances never attempt it
 * together; a failure is retried after a growing, jittered wait, the last one
 * keeps it as `failed`. The outcome is written with its event
 * (`notification-delivered` or `-failed`), the outbox way. An instance that
 * dies during an attempt leaves it to be taken over when the lease ends: the
 * receiver may then get it twice (README, "Exactly once").
 */
export abstract class DeliveryWorker<T extends Delivery> implements OnApplicationBootstrap, BeforeApplicationShutdown {
  protected readonly logger = new Logger(this.constructor.name);
  private readonly due = new EventEmitter();
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;

  protected constructor(
    private readonly model: Model<T & Aggregate>,
    private readonly channel: DeliveryChannel,
    private readonly policy: DeliveryPolicy,
  ) {}

  /** Makes one attempt; throws to say it failed (the message is kept, so it must hold no secret). */
  protected abstract attempt(delivery: T): Promise<void>;

  protected abstract factsOf(delivery: T): DeliveryFacts;

  onApplicationBootstrap(): void {
    this.due.on('due', () => void this.drain());
    this.timer = setInterval(() => void this.drain(), this.policy.pollMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  /** Tells this instance that a delivery became due (others find it at their next poll). */
  wake(): void {
    this.due.emit('due');
  }

  /** Attempts every due delivery; calls meanwhile fold into one more pass. */
  drain(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = Promise.all(Array.from({ length: IN_PARALLEL }, () => this.work()))
      .then(() => undefined)
      .catch((error: unknown) => this.logger.error(`Deliveries by ${this.channel} stopped: ${(error as Error).message}`))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          void this.drain();
        }
      });
    return this.running;
  }

  private async work(): Promise<void> {
    for (let delivery = await this.claim(); delivery && !this.stopped; delivery = await this.claim()) await this.settle(delivery);
  }

  private claim(): Promise<(T & Aggregate) | null> {
    const now = new Date();
    return this.model
      .findOneAndUpdate(
        { status: 'pending', nextAttemptAt: { $lte: now } } as object,
        { $set: { nextAttemptAt: new Date(now.getTime() + this.policy.leaseMs) }, $inc: { attempts: 1 } },
        { sort: { nextAttemptAt: 1 }, returnDocument: 'after' },
      )
      .lean<T & Aggregate>();
  }

  private async settle(delivery: T & Aggregate): Promise<void> {
    try {
      await this.attempt(delivery);
    } catch (error) {
      const reason = ((error as Error).message || String(error)).slice(0, 500);
      if (delivery.attempts >= this.policy.maxAttempts) return this.end(delivery, 'failed', reason);
      this.logger.warn(`A ${this.channel} delivery failed (attempt ${delivery.attempts}): ${reason}; retrying`);
      const next = new Date(Date.now() + retryDelayMs(delivery.attempts, this.policy.retryBaseMs));
      await this.model.updateOne(this.stillMine(delivery), { $set: { nextAttemptAt: next, lastError: reason } });
      return;
    }
    await this.end(delivery, 'sent');
  }

  private async end(delivery: T & Aggregate, status: 'sent' | 'failed', reason?: string): Promise<void> {
    const at = new Date();
    const version = delivery.version + 1;
    const facts = { ...this.factsOf(delivery), deliveryId: delivery._id, channel: this.channel, attempts: delivery.attempts, at: at.toISOString(), version };
    const aggregate = { subject: `deliveries/${this.channel}/${delivery._id}`, version };
    const event = reason
      ? createEvent(NOTIFICATIONS_EVENTS.notificationFailed, aggregate, { ...facts, error: reason })
      : createEvent(NOTIFICATIONS_EVENTS.notificationDelivered, aggregate, facts);
    if (reason) this.logger.error(`A ${this.channel} delivery failed for good after ${delivery.attempts} attempts: ${reason}`);
    await this.model.updateOne(this.stillMine(delivery), {
      $set: { status, ...(reason ? { lastError: reason } : { deliveredAt: at }) }, $inc: { version: 1 }, $push: { pendingEvents: event },
    });
  }

  /** The delivery as this attempt claimed it: an attempt taken over by another instance writes nothing. */
  private stillMine(delivery: T & Aggregate): object {
    return { _id: delivery._id, status: 'pending', attempts: delivery.attempts };
  }
}
