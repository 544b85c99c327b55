import { NatsOptions, ServerNats } from '@nestjs/microservices';
import { Msg, NatsConnection, Subscription } from 'nats';

/** How long a graceful stop waits for requests in hand before it lets them go. */
const IN_FLIGHT_TIMEOUT_MS = 10_000;

/**
 * Nest's NATS server, but closing answers the requests in hand: it stops
 * taking new ones (its subscriptions drain), waits for each request received
 * to be answered, bounded by a timeout, and only then drains the connection.
 * Nest's own `drain()` returns before async handlers finish, and their replies
 * (answers to writes already committed) would be lost.
 */
export class DrainingNatsServer extends ServerNats {
  private readonly requestSubscriptions: Subscription[] = [];
  private readonly inFlight = new Set<Promise<void>>();

  constructor(options: Required<NatsOptions>['options']) {
    super(options);
  }

  override bindEvents(client: NatsConnection): void {
    const subscribe = client.subscribe.bind(client);
    client.subscribe = (subject, options) => {
      const subscription = subscribe(subject, options);
      this.requestSubscriptions.push(subscription);
      return subscription;
    };
    super.bindEvents(client);
  }

  override async handleMessage(channel: string, message: Msg): Promise<void> {
    if (!message.reply) return super.handleMessage(channel, message);
    let answered!: () => void;
    const done = new Promise<void>((resolve) => (answered = resolve));
    this.inFlight.add(done);
    void done.then(() => this.inFlight.delete(done));
    const respond = message.respond.bind(message);
    message.respond = (...args) => {
      try {
        return respond(...args);
      } finally {
        answered();
      }
    };
    try {
      await super.handleMessage(channel, message);
    } catch (error) {
      answered();
      throw error;
    }
  }

  override async close(): Promise<void> {
    const connection = this.connection();
    if (connection && !connection.isClosed()) {
      await Promise.allSettled(this.requestSubscriptions.map((subscription) => subscription.drain()));
      await this.answered();
      await connection.drain();
    }
    await super.close();
  }

  /** None before the server started or after it closed (Nest's `unwrap` throws then). */
  private connection(): NatsConnection | undefined {
    try {
      return this.unwrap<NatsConnection>();
    } catch {
      return undefined;
    }
  }

  private async answered(): Promise<void> {
    const deadline = new Promise<void>((resolve) => setTimeout(resolve, IN_FLIGHT_TIMEOUT_MS).unref());
    await Promise.race([Promise.allSettled([...this.inFlight]), deadline]);
  }
}
