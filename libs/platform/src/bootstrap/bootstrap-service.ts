import { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { JetStreamServer, useContractDoors } from '@grappes/messaging';
import { Logger } from 'nestjs-pino';
import { ServiceConfig } from '../config/service-config';
import { AppMetrics } from '../metrics/app-metrics';
import { DrainingNatsServer } from './draining-nats.server';

/**
 * Starts a service: its requests on core NATS in a queue group named after it
 * (N instances share the load), its events from JetStream through a durable
 * consumer named after it, and an HTTP port for health and metrics (internal).
 */
export async function bootstrapService(service: string, module: Type | DynamicModule, config: ServiceConfig): Promise<INestApplication> {
  const app = await NestFactory.create(module, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  const servers = config.NATS_URL.split(',');
  const metrics = app.get(AppMetrics).messaging;

  // Registered on the app and inherited: a connected microservice is already initialised.
  useContractDoors(app, metrics);
  const inherit = { inheritAppConfig: true };
  app.connectMicroservice({ strategy: new DrainingNatsServer({ servers, queue: service, name: `${service}-rpc` }) }, inherit);
  app.connectMicroservice(
    { strategy: new JetStreamServer({ servers: config.NATS_URL, service, maxAttempts: config.EVENT_MAX_ATTEMPTS, metrics }) },
    inherit,
  );

  // Bootstrap hooks (the bootstrap admin, the relay's first sweep) finish before the
  // first request arrives: a ping must not report ready before they are done.
  await app.init();
  await app.startAllMicroservices();
  await app.listen(config.PORT, config.HOST);
  const base = `http://${config.HOST}:${config.PORT}`;
  app.get(Logger).log(`${service} ready: health on ${base}/health/ready, metrics on ${base}/metrics`);
  return app;
}
