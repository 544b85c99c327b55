import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import { MessagePattern, NatsContext, Transport } from '@nestjs/microservices';
import type { RpcDefinition } from '@grappes/contracts';
import { contextFromHeaders } from '../context/caller';
import { currentContext } from '../context/request-context';

/** Answers the request `def` on core NATS (never on the JetStream transport). */
export function RpcHandler(def: RpcDefinition): MethodDecorator {
  return MessagePattern(def.subject, Transport.NATS);
}

/**
 * Injects the request's {@link RequestContext}: correlation id and principal,
 * as the RpcContextInterceptor already read them (headers are parsed once).
 */
export const Caller = createParamDecorator(
  (_: unknown, ctx: ExecutionContext) => currentContext() ?? contextFromHeaders(ctx.switchToRpc().getContext<NatsContext>().getHeaders()),
);
