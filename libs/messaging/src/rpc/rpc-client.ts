import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ClientProxy, NatsRecordBuilder } from '@nestjs/microservices';
import { DomainError, ERRORS, Principal, RpcDefinition, isErrorBody } from '@grappes/contracts';
import { headers as natsHeaders } from 'nats';
import { TimeoutError, firstValueFrom, timeout } from 'rxjs';
import { HEADERS } from '../context/headers';
import { signPrincipal } from '../context/principal-signature';
import { currentContext, currentCorrelationId } from '../context/request-context';

export interface RpcCallOptions {
  principal?: Principal;
  timeoutMs?: number;
}

/**
 * Sends typed requests to other services. Every call carries the trace and the
 * caller, and gives up after a timeout: a silent service never hangs the caller.
 */
@Injectable()
export class RpcClient implements OnApplicationShutdown {
  constructor(
    private readonly proxy: ClientProxy,
    private readonly defaultTimeoutMs: number,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.proxy.close();
  }

  async send<Req, Res>(def: RpcDefinition<Req, Res>, payload: Req, options: RpcCallOptions = {}): Promise<Res> {
    const record = new NatsRecordBuilder(payload).setHeaders(this.headersFor(options)).build();
    try {
      const reply$ = this.proxy.send<Res>(def.subject, record).pipe(timeout(options.timeoutMs ?? this.defaultTimeoutMs));
      // A handler that returns nothing (a removal) completes without a value.
      return await firstValueFrom(reply$, { defaultValue: undefined as Res });
    } catch (error) {
      throw this.toDomainError(def.subject, error);
    }
  }

  private headersFor(options: RpcCallOptions) {
    const h = natsHeaders();
    const context = currentContext();
    h.set(HEADERS.correlationId, currentCorrelationId());
    if (context?.causationId) h.set(HEADERS.causationId, context.causationId);
    const principal = options.principal ?? context?.principal;
    if (principal) {
      const json = JSON.stringify(principal);
      h.set(HEADERS.principal, json);
      h.set(HEADERS.principalSignature, signPrincipal(json));
    }
    return h;
  }

  private toDomainError(subject: string, error: unknown): DomainError {
    if (isErrorBody(error)) return DomainError.fromBody(error);
    const service = subject.split('.')[1];
    if (error instanceof TimeoutError) return new DomainError(ERRORS.SERVICE_TIMEOUT, `The ${service} service did not answer in time`);
    return new DomainError(ERRORS.SERVICE_UNAVAILABLE, `The ${service} service is unavailable`);
  }
}
