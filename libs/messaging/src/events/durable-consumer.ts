import { AckPolicy, ConsumerConfig, DeliverPolicy, JetStreamManager, nanos } from 'nats';

export interface DurableConsumerSettings {
  ackWaitMs: number;
}

/** The configuration of a service's durable consumer on one stream. */
function configOf(settings: DurableConsumerSettings): Partial<ConsumerConfig> {
  return {
    ack_policy: AckPolicy.Explicit,
    // A new consumer reads the whole stream: the streams keep less than the dedupe
    // record of processed events does (streams.ts), so what it replays is applied once.
    deliver_policy: DeliverPolicy.All,
    ack_wait: nanos(settings.ackWaitMs),
    // Redelivery is bounded by JetStreamServer, also when a handler crashed the process.
    max_deliver: -1,
  };
}

/**
 * Creates the durable consumer, or updates it when a redeploy changed its
 * configuration: nats.js 2.29 sends `action: create`, which nats-server 2.10+
 * refuses (10148) for a consumer that exists with another configuration.
 * Safe from every instance at every boot.
 */
export async function declareDurableConsumer(jsm: JetStreamManager, stream: string, durable: string, settings: DurableConsumerSettings): Promise<void> {
  const config = configOf(settings);
  try {
    await jsm.consumers.info(stream, durable);
  } catch (error) {
    if (!/consumer not found/i.test((error as Error).message)) throw error;
    try {
      await jsm.consumers.add(stream, { ...config, durable_name: durable });
      return;
    } catch (raced) {
      // Another instance created it meanwhile, perhaps with the old configuration: update below.
      if (!/already exists/i.test((raced as Error).message)) throw raced;
    }
  }
  await jsm.consumers.update(stream, durable, config);
}
