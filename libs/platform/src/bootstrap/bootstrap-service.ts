import { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { JetStreamServer, useContractDoors, usePrincipalSigningSecret } from '@grappes/messaging';
import { Logger } from 'nestjs-pino';
import { ServiceConfig } from '../config/service-config';
import { AppMetrics } from '../metrics/app-metrics';
import { NatsConnection } from 'nats';
import { READINESS_CHECKS, ReadinessCheck } from '../health/readiness';
import { createRpcServer, natsReadiness } from './nats.providers';

/**
 * Starts a service: its requests on core NATS in a queue group named after it
 * (N instances share the load), its events from JetStream through a durable
 * consumer named after it, and an HTTP port for health and metrics (internal).
 */
export async function bootstrapService(service: string, module: Type | DynamicModule, config: ServiceConfig): Promise<INestApplication> {
  const app = await NestFactory.create(module, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  const metrics = app.get(AppMetrics).messaging;

  // Before any request arrives: the principals of requests are checked against it.
  usePrincipalSigningSecret(config.PRINCIPAL_SIGNING_SECRET);
  // Registered on the app and inherited: a connected microservice is already initialised.
  useContractDoors(app, metrics);
  const inherit = { inheritAppConfig: true };
  const rpcServer = createRpcServer(service, config.NATS_URL);
  const eventServer = new JetStreamServer({
    servers: config.NATS_URL, service, maxAttempts: config.EVENT_MAX_ATTEMPTS, namespace: config.NATS_NAMESPACE, metrics,
  });
  app.connectMicroservice({ strategy: rpcServer }, inherit);
  app.connectMicroservice({ strategy: eventServer }, inherit);

  // Bootstrap hooks (the bootstrap admin, the relay's first sweep) finish before the
  // first request arrives: a ping must not report ready before they are done.
  await app.init();
  await app.startAllMicroservices();
  // Readiness and liveness see every connection, not only the app's own.
  app.get<ReadinessCheck[]>(READINESS_CHECKS).push(
    natsReadiness(() => rpcServer.unwrap<NatsConnection>(), 'nats-requests'),
    natsReadiness(() => eventServer.unwrap<NatsConnection>(), 'nats-events'),
  );
  await app.listen(config.PORT, config.HOST);
  const base = `http://${config.HOST}:${config.PORT}`;
  app.get(Logger).log(`${service} ready: health on ${base}/health/ready, metrics on ${base}/metrics`);
  return app;
}
