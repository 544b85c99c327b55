import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { EventEnvelope, NOTIFICATIONS_EVENTS, NotificationCreated, NotificationView } from '@grappes/contracts';
import { TOLERANT_READER_OPTIONS, declareEventStream, inNamespace, validated } from '@grappes/messaging';
import { NATS_CONNECTION } from '@grappes/platform';
import { ConsumerMessages, DeliverPolicy, NatsConnection } from 'nats';
import { GatewayConfig } from '../gateway.config';

type Listener = (notification: NotificationView) => void;

/**
 * Every new inbox entry, as the notifications service publishes it
 * (`notification-created`, through its outbox), handed to the streams open on
 * this gateway for its recipient. Each instance reads the whole subject with an
 * ordered consumer of its own, starting from now: a person's stream can be
 * open on any instance, and nothing is shared between them. An ordered
 * consumer resumes where it was after NATS comes back; what a client missed
 * while its own connection was down, it asks again with `Last-Event-ID`.
 */
@Injectable()
export class LiveNotifications implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(LiveNotifications.name);
  private readonly listeners = new Map<string, Set<Listener>>();
  private messages?: ConsumerMessages;

  constructor(
    @Inject(GatewayConfig) private readonly config: GatewayConfig,
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
  ) {}

  async onModuleInit(): Promise<void> {
    // Declared by its producer too: whichever starts first, the stream exists before it is read.
    const namespace = this.config.NATS_NAMESPACE;
    const stream = await declareEventStream(await this.nats.jetstreamManager(), 'notifications', namespace);
    const consumer = await this.nats.jetstream().consumers.get(stream, {
      filterSubjects: inNamespace(NOTIFICATIONS_EVENTS.notificationCreated.subject, namespace), deliver_policy: DeliverPolicy.New,
    });
    this.messages = await consumer.consume();
    void this.follow(this.messages);
  }

  onApplicationShutdown(): void {
    this.messages?.stop();
  }

  /** Calls `listener` with each new entry of a person's inbox until the returned function is called. */
  listen(personId: string, listener: Listener): () => void {
    const own = this.listeners.get(personId) ?? new Set<Listener>();
    own.add(listener);
    this.listeners.set(personId, own);
    return () => {
      own.delete(listener);
      if (!own.size) this.listeners.delete(personId);
    };
  }

  private async follow(messages: ConsumerMessages): Promise<void> {
    for await (const message of messages) {
      try {
        const envelope = message.json<EventEnvelope>();
        const created = validated(NotificationCreated, envelope.data, TOLERANT_READER_OPTIONS);
        for (const listener of this.listeners.get(created.recipientId) ?? []) listener(viewOf(created));
      } catch (error) {
        this.logger.warn(`A notification-created event could not be read: ${(error as Error).message}`);
      }
    }
  }
}

function viewOf(n: NotificationCreated): NotificationView {
  return { id: n.notificationId, type: n.type, title: n.title, body: n.body, data: n.data, createdAt: n.createdAt };
}
