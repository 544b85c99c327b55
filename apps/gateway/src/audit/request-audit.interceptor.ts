import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { ErrorBody, Principal, STATE_CHANGING_METHODS, StateChangingMethod } from '@grappes/contracts';
import type { Request, Response } from 'express';
import { Observable, catchError, concatMap, from, throwError } from 'rxjs';
import { API_PREFIX } from '../http/api-prefix';
import { errorBodyOf } from '../http/error.filter';
import { AnsweredRequest, requestCompletedOf } from './request-record';
import { RequestRecords } from './request-records';

const RECORDED: ReadonlySet<string> = new Set(STATE_CHANGING_METHODS);

/**
 * Records every state-changing request once its outcome is known, before the
 * answer leaves: a success with its status, a refusal with its status and
 * code. Guards run before interceptors, so a request refused for want of a
 * valid token (401) or by the rate limit (429) is not recorded: it changed
 * nothing and names nobody.
 */
@Injectable()
export class RequestAuditInterceptor implements NestInterceptor {
  constructor(private readonly records: RequestRecords) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType() !== 'http') return next.handle();
    const req = ctx.switchToHttp().getRequest<Request & { principal?: Principal }>();
    if (!RECORDED.has(req.method)) return next.handle();
    const res = ctx.switchToHttp().getResponse<Response>();
    const receivedAt = new Date();
    const record = (outcome: { status: number } | ErrorBody) => this.records.publish(requestCompletedOf(answered(req, receivedAt), API_PREFIX, outcome));
    return next.handle().pipe(
      // The status is read once the handler is done: it may choose it (201 joined, 202 pending).
      concatMap(async (body: unknown) => {
        await record({ status: res.statusCode });
        return body;
      }),
      catchError((error: unknown) => from(record(errorBodyOf(error))).pipe(concatMap(() => throwError(() => error)))),
    );
  }
}

function answered(req: Request & { principal?: Principal }, receivedAt: Date): AnsweredRequest {
  return {
    receivedAt,
    method: req.method as StateChangingMethod,
    routePattern: (req.route as { path?: string } | undefined)?.path,
    path: req.path,
    params: req.params ?? {},
    principal: req.principal,
  };
}
