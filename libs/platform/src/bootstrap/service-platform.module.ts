import { DynamicModule, Module, Provider } from '@nestjs/common';
import { MongooseModule, getConnectionToken } from '@nestjs/mongoose';
import { Producer, isProducer } from '@grappes/contracts';
import { Aggregate, OutboxRelay, RpcClient, declareEventStream } from '@grappes/messaging';
import { Connection } from 'mongoose';
import { NatsConnection } from 'nats';
import { ServiceConfig } from '../config/service-config';
import { HealthController } from '../health/health.controller';
import { pingHandlers } from '../health/ping.rpc-handlers';
import { READINESS_CHECKS, ReadinessCheck } from '../health/readiness';
import { jsonLogger } from '../logging/logger.module';
import { AppMetrics } from '../metrics/app-metrics';
import { MetricsController } from '../metrics/metrics.controller';
import { APP_CONFIG, NATS_CONNECTION, NatsDrain, natsConnectionProvider, natsReadiness, rpcClientProvider } from './nats.providers';

export interface ServicePlatformOptions {
  /** A producer of events, or a service that only consumes them (audit). */
  service: string;
  config: ServiceConfig;
  /** Names of the mongoose models whose documents carry pending events; none for a service that publishes nothing. */
  aggregates: string[];
}

function mongoReadiness(connection: Connection): ReadinessCheck {
  return {
    name: 'database',
    check: async () => connection.readyState === 1 && (await connection.db!.admin().ping())['ok'] === 1,
  };
}

function outboxRelay(service: Producer, aggregates: string[], config: ServiceConfig): Provider {
  return {
    provide: OutboxRelay,
    inject: [NATS_CONNECTION, getConnectionToken(), AppMetrics],
    useFactory: async (nc: NatsConnection, connection: Connection, metrics: AppMetrics) => {
      // The producer declares its stream before anything publishes into it.
      await declareEventStream(await nc.jetstreamManager(), service, config.NATS_NAMESPACE);
      return new OutboxRelay(nc.jetstream(), () => aggregates.map((name) => connection.model<Aggregate>(name)), {
        sweepIntervalMs: config.OUTBOX_SWEEP_MS,
        namespace: config.NATS_NAMESPACE,
        metrics: metrics.messaging,
      });
    },
  };
}

/** Everything a service app needs besides its features: config, logs, database, NATS, outbox relay, health, metrics. */
@Module({})
export class ServicePlatformModule {
  static forRoot({ service, config, aggregates }: ServicePlatformOptions): DynamicModule {
    return {
      module: ServicePlatformModule,
      global: true,
      imports: [
        jsonLogger(service, config),
        MongooseModule.forRoot(config.MONGODB_URI, {
          dbName: config.MONGODB_DB ?? `grappes-${service}`,
          // Fail fast while the database is unreachable: the request answers 503 (see
          // isDatabaseUnavailable), well before the caller's RPC timeout gives up with 504.
          serverSelectionTimeoutMS: config.MONGODB_TIMEOUT_MS,
          // mongoose reads bufferTimeoutMS from the connection options; its ConnectOptions type omits it.
          ...{ bufferTimeoutMS: config.MONGODB_TIMEOUT_MS },
          maxPoolSize: config.MONGODB_POOL_SIZE,
        }),
      ],
      controllers: [HealthController, MetricsController, pingHandlers(service)],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: AppMetrics, useFactory: () => new AppMetrics(service) },
        { provide: config.constructor, useValue: config },
        natsConnectionProvider(service),
        rpcClientProvider,
        { provide: NatsDrain, inject: [NATS_CONNECTION], useFactory: (nc: NatsConnection) => new NatsDrain(nc) },
        ...(isProducer(service) && aggregates.length ? [outboxRelay(service, aggregates, config)] : []),
        {
          provide: READINESS_CHECKS,
          inject: [NATS_CONNECTION, getConnectionToken()],
          useFactory: (nc: NatsConnection, connection: Connection) => [natsReadiness(() => nc), mongoReadiness(connection)],
        },
      ],
      exports: [APP_CONFIG, config.constructor, NATS_CONNECTION, RpcClient, AppMetrics],
    };
  }
}
