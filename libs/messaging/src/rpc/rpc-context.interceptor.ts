import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { NatsContext } from '@nestjs/microservices';
import { Observable } from 'rxjs';
import { contextFromHeaders } from '../context/caller';
import { runInContext } from '../context/request-context';

/** Runs each NATS request inside its trace, so logs and the events it causes carry it. */
@Injectable()
export class RpcContextInterceptor implements NestInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const rpc = ctx.switchToRpc().getContext<unknown>();
    if (!(rpc instanceof NatsContext)) return next.handle();
    const context = contextFromHeaders(rpc.getHeaders());
    return new Observable((subscriber) => runInContext(context, () => next.handle().subscribe(subscriber)));
  }
}
