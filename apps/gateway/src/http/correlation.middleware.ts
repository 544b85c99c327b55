import { STATE_CHANGING_METHODS } from '@grappes/contracts';
import { runInContext } from '@grappes/messaging';
import { CORRELATION_HEADER, acceptedCorrelationId } from '@grappes/platform';
import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';

const RECORDED: ReadonlySet<string> = new Set(STATE_CHANGING_METHODS);

/**
 * Takes the caller's correlation id (or makes one), echoes it, and runs the
 * rest of the request inside it. Mounted first, so that the request log and
 * every error answer carry the same id. A state-changing request also gets an
 * id of its own, the cause of every event it leads to: its audit record
 * (audit/request-audit.interceptor.ts) is published under that id.
 */
export function correlation(req: Request, res: Response, next: NextFunction): void {
  const correlationId = acceptedCorrelationId(req.headers[CORRELATION_HEADER]) ?? randomUUID();
  req.headers[CORRELATION_HEADER] = correlationId;
  res.setHeader(CORRELATION_HEADER, correlationId);
  runInContext({ correlationId, ...(RECORDED.has(req.method) ? { causationId: randomUUID() } : {}) }, next);
}
