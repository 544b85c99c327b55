import { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { JetStreamServer, RpcContextInterceptor, RpcErrorFilter, rpcValidationPipe } from '@grappes/messaging';
import { Logger } from 'nestjs-pino';
import { ServiceConfig } from '../config/service-config';
import { DrainingNatsServer } from './draining-nats.server';

/**
 * Starts a service: its requests on core NATS in a queue group named after it
 * (N instances share the load), its events from JetStream through a durable
 * consumer named after it, and an HTTP port for health.
 */
export async function bootstrapService(service: string, module: Type, config: ServiceConfig): Promise<INestApplication> {
  const app = await NestFactory.create(module, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  const servers = config.NATS_URL.split(',');

  const requests = app.connectMicroservice({ strategy: new DrainingNatsServer({ servers, queue: service, name: `${service}-rpc` }) });
  requests.useGlobalPipes(rpcValidationPipe());
  requests.useGlobalFilters(new RpcErrorFilter());
  requests.useGlobalInterceptors(new RpcContextInterceptor());

  const events = app.connectMicroservice({
    strategy: new JetStreamServer({ servers: config.NATS_URL, service, maxAttempts: config.EVENT_MAX_ATTEMPTS }),
  });
  events.useGlobalFilters(new RpcErrorFilter());

  await app.startAllMicroservices();
  await app.listen(config.PORT, config.HOST);
  app.get(Logger).log(`${service} ready: health on http://${config.HOST}:${config.PORT}/health/ready`);
  return app;
}
