import { Injectable, NestMiddleware } from '@nestjs/common';
import { runInContext } from '@grappes/messaging';
import { CORRELATION_HEADER, acceptedCorrelationId } from '@grappes/platform';
import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';

/** Takes the caller's correlation id (or makes one), echoes it, and runs the request inside it. */
@Injectable()
export class CorrelationMiddleware implements NestMiddleware {
  use(req: Request & { id?: unknown }, res: Response, next: NextFunction): void {
    const correlationId = acceptedCorrelationId(req.id) ?? acceptedCorrelationId(req.headers[CORRELATION_HEADER]) ?? randomUUID();
    req.headers[CORRELATION_HEADER] = correlationId;
    res.setHeader(CORRELATION_HEADER, correlationId);
    runInContext({ correlationId }, next);
  }
}
