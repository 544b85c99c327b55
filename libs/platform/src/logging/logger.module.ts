import { RequestMethod } from '@nestjs/common';
import { HEADERS, currentContext } from '@grappes/messaging';
import { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import { LoggerModule } from 'nestjs-pino';
import pino from 'pino';
import { AppConfig } from '../config/service-config';

/** The same header carries the correlation id over HTTP and over NATS. */
export const CORRELATION_HEADER = HEADERS.correlationId;

/** A correlation id a client may send: short and printable, so it cannot poison logs. */
export function acceptedCorrelationId(value: unknown): string | undefined {
  return typeof value === 'string' && /^[\w.:-]{1,128}$/.test(value) ? value : undefined;
}

/** A stream ticket stands for a token in the URL of the notifications stream: it never reaches the logs. */
function redactTicket(req: { url?: string }): { url?: string } {
  if (req.url) req.url = req.url.replace(/([?&]ticket=)[^&]*/g, '$1[Redacted]');
  return req;
}

/** JSON logs; every line carries the correlation id of the work it belongs to. Secrets are redacted. */
export function jsonLogger(service: string, config: AppConfig) {
  return LoggerModule.forRoot({
    // Named wildcard: the default `*` is a legacy pattern in Express 5's router.
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: [{
      level: config.LOG_LEVEL,
      base: { service },
      mixin: () => {
        const correlationId = currentContext()?.correlationId;
        return correlationId ? { correlationId } : {};
      },
      genReqId: (req: IncomingMessage) => acceptedCorrelationId(req.headers[CORRELATION_HEADER]) ?? randomUUID(),
      redact: ['req.headers.authorization', 'req.headers.cookie', 'req.query.ticket', '*.password', '*.passwordHash', '*.secret'],
      // A stream ticket stands for a token in the URL of the notifications stream.
      serializers: { req: redactTicket },
      // Probes and scrapes come every few seconds: they would drown the logs.
      autoLogging: { ignore: (req: IncomingMessage) => /\/health\/|^\/metrics(\?|$)/.test(req.url ?? '') },
    },
    // Written asynchronously: lines logged while a write is under way leave together in the next one, instead
    // of a system call each (#7); pino flushes what is left when the process exits.
    pino.destination({ dest: 1, sync: false })],
  });
}
