import { NatsOptions, ServerNats } from '@nestjs/microservices';
import { NatsConnection } from 'nats';

/** Nest's NATS server, but closing drains: requests in hand are answered before the connection goes. */
export class DrainingNatsServer extends ServerNats {
  constructor(options: Required<NatsOptions>['options']) {
    super(options);
  }

  override async close(): Promise<void> {
    const connection = this.unwrap<NatsConnection | null>();
    if (connection && !connection.isClosed()) await connection.drain();
    await super.close();
  }
}
