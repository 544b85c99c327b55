import { Logger, OnApplicationShutdown, Provider } from '@nestjs/common';
import { ClientProxyFactory, Transport } from '@nestjs/microservices';
import { RpcClient, natsConnectionOptions, usePrincipalSigningSecret } from '@grappes/messaging';
import { NatsConnection, connect } from 'nats';
import { AppConfig } from '../config/service-config';
import { ReadinessCheck } from '../health/readiness';
import { DrainingNatsServer } from './draining-nats.server';

export const NATS_CONNECTION = Symbol('NATS_CONNECTION');
export const APP_CONFIG = Symbol('APP_CONFIG');

/** The app's own connection, for JetStream publishing and live subscriptions. */
export function natsConnectionProvider(name: string): Provider {
  return {
    provide: NATS_CONNECTION,
    inject: [APP_CONFIG],
    useFactory: (config: AppConfig) => connect(natsConnectionOptions(config.NATS_URL, name)),
  };
}

/** The client of requests to other services; it reconnects forever, as every connection does. */
export function createRpcClient(config: Pick<AppConfig, 'NATS_URL' | 'RPC_TIMEOUT_MS'> & Partial<Pick<AppConfig, 'PRINCIPAL_SIGNING_SECRET'>>): RpcClient {
  usePrincipalSigningSecret(config.PRINCIPAL_SIGNING_SECRET);
  const options = natsConnectionOptions(config.NATS_URL);
  return new RpcClient(ClientProxyFactory.create({ transport: Transport.NATS, options }), config.RPC_TIMEOUT_MS);
}

export const rpcClientProvider: Provider = { provide: RpcClient, inject: [APP_CONFIG], useFactory: createRpcClient };

/** The server of a service's requests, in a queue group named after it (N instances share the load). */
export function createRpcServer(service: string, natsUrl: string): DrainingNatsServer {
  return new DrainingNatsServer({ ...natsConnectionOptions(natsUrl, `${service}-rpc`), queue: service });
}

/** Ready while the server answers a ping; alive unless the connection closed for good. */
export function natsReadiness(connectionOf: () => NatsConnection | null | undefined, name = 'nats'): ReadinessCheck {
  // A transport not started yet has no connection to give.
  const connection = () => {
    try {
      return connectionOf();
    } catch {
      return undefined;
    }
  };
  return {
    name,
    check: async () => {
      const nc = connection();
      if (!nc || nc.isClosed()) return false;
      await nc.flush();
      return true;
    },
    alive: () => !connection()?.isClosed(),
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
