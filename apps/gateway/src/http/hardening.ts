import { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { CORRELATION_HEADER } from '@grappes/platform';
import { GatewayConfig } from '../gateway.config';

/**
 * Security headers, the CORS allow-list and the JSON body limit. Helmet's
 * default Content-Security-Policy suits the OpenAPI page: Swagger UI loads its
 * scripts from this origin and only its styles are inline (which the default
 * `style-src 'unsafe-inline'` allows); its images are `data:` URIs.
 */
export function harden(app: NestExpressApplication, config: GatewayConfig): void {
  app.use(helmet());
  // A browser page from another origin may call the API only when listed; none by default.
  if (config.corsOrigins.length > 0) {
    const allowed = new Set(config.corsOrigins);
    app.enableCors({
      origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
      exposedHeaders: [CORRELATION_HEADER, 'Retry-After'],
      maxAge: 600,
    });
  }
  // A larger body is refused with 413 before it is read whole (error.filter.ts gives the error contract).
  app.useBodyParser('json', { limit: `${config.JSON_BODY_LIMIT_KB}kb` });
}
