import { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import { NatsContext } from '@nestjs/microservices';
import { performance } from 'node:perf_hooks';
import { Observable, tap } from 'rxjs';
import { MessagingMetrics } from '../metrics/messaging-metrics';
import { toErrorBody } from './rpc-error.filter';

/**
 * Counts and times each NATS request this service answers, by subject and
 * outcome (`ok` or the error code of the answer, as RpcErrorFilter will send it).
 * Sees validation failures too: pipes run inside `next.handle()`.
 */
export class RpcMetricsInterceptor implements NestInterceptor {
  constructor(private readonly metrics: MessagingMetrics) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const rpc = ctx.switchToRpc().getContext<unknown>();
    if (!(rpc instanceof NatsContext)) return next.handle();
    const subject = rpc.getSubject();
    const started = performance.now();
    const done = (outcome: string) => this.metrics.requestHandled(subject, outcome, (performance.now() - started) / 1_000);
    return next.handle().pipe(tap({ complete: () => done('ok'), error: (error: unknown) => done(toErrorBody(error).code) }));
  }
}
