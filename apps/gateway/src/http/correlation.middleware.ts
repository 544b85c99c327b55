import { runInContext } from '@grappes/messaging';
import { CORRELATION_HEADER, acceptedCorrelationId } from '@grappes/platform';
import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';

/**
 * Takes the caller's correlation id (or makes one), echoes it, and runs the
 * rest of the request inside it. Mounted first, so that the request log and
 * every error answer carry the same id.
 */
export function correlation(req: Request, res: Response, next: NextFunction): void {
  const correlationId = acceptedCorrelationId(req.headers[CORRELATION_HEADER]) ?? randomUUID();
  req.headers[CORRELATION_HEADER] = correlationId;
  res.setHeader(CORRELATION_HEADER, correlationId);
  runInContext({ correlationId }, next);
}
