import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { JetStreamServer } from '@grappes/messaging';
import { AppMetrics, httpMetrics, loadConfig } from '@grappes/platform';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { API_PREFIX } from './http/api-prefix';
import { correlation } from './http/correlation.middleware';
import { harden } from './http/hardening';
import { GatewayConfig, withJwtSecret } from './gateway.config';
import { serveOpenApi } from './openapi/openapi';
import { serveWebApp } from './http/web-app';

async function bootstrap(): Promise<void> {
  const config = withJwtSecret(loadConfig(GatewayConfig));
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), { bufferLogs: true });
  app.use(correlation);
  // Before the routes: every request is counted by route pattern, whatever answers it (404s and guards included).
  app.use(httpMetrics(app.get(AppMetrics)));
  app.disable('x-powered-by');
  harden(app, config);
  app.set('trust proxy', config.trustProxy);
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  app.setGlobalPrefix(API_PREFIX);
  serveOpenApi(app, API_PREFIX);
  serveWebApp(app, config.WEB_ROOT);
  // Events that withdraw access (access/): the HTTP guards, pipes and filters are not inherited.
  const metrics = app.get(AppMetrics).messaging;
  app.connectMicroservice({ strategy: new JetStreamServer({ servers: config.NATS_URL, service: 'gateway', namespace: config.NATS_NAMESPACE, metrics }) });
  await app.startAllMicroservices();
  await app.listen(config.PORT, config.HOST);
  const metricsUrl = `http://${config.HOST}:${config.METRICS_PORT}/metrics`;
  app.get(Logger).log(`gateway ready: http://${config.HOST}:${config.PORT}/${API_PREFIX} (docs at /${API_PREFIX}/docs, metrics at ${metricsUrl})`);
}

void bootstrap();
