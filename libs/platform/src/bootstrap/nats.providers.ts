import { Logger, OnApplicationShutdown, Provider } from '@nestjs/common';
import { ClientProxyFactory, Transport } from '@nestjs/microservices';
import { RpcClient } from '@grappes/messaging';
import { NatsConnection, connect } from 'nats';
import { AppConfig } from '../config/service-config';
import { ReadinessCheck } from '../health/readiness';

export const NATS_CONNECTION = Symbol('NATS_CONNECTION');
export const APP_CONFIG = Symbol('APP_CONFIG');

/** The app's own connection, for JetStream publishing and live subscriptions. */
export function natsConnectionProvider(name: string): Provider {
  return {
    provide: NATS_CONNECTION,
    inject: [APP_CONFIG],
    useFactory: (config: AppConfig) => connect({ servers: config.NATS_URL.split(','), name, maxReconnectAttempts: -1 }),
  };
}

export const rpcClientProvider: Provider = {
  provide: RpcClient,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) =>
    new RpcClient(
      ClientProxyFactory.create({ transport: Transport.NATS, options: { servers: config.NATS_URL.split(',') } }),
      config.RPC_TIMEOUT_MS,
    ),
};

export function natsReadiness(connection: NatsConnection): ReadinessCheck {
  return {
    name: 'nats',
    check: async () => {
      if (connection.isClosed()) return false;
      await connection.flush();
      return true;
    },
  };
}

/** Drains the app's connection at shutdown, so that what it published is flushed. */
export class NatsDrain implements OnApplicationShutdown {
  constructor(private readonly connection: NatsConnection) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.connection.isClosed()) return;
    await this.connection.drain().catch((e: Error) => new Logger('NatsDrain').warn(e.message));
  }
}
