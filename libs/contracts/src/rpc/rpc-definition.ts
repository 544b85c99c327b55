import { DataClass } from '../events/event-definition';

/** One request a service answers on `rpc.<service>.<name>`; `Res` types the reply. */
export interface RpcDefinition<Req = unknown, Res = unknown> {
  subject: string;
  requestClass: DataClass<Req>;
  /** Never set: carries the reply type for the compiler only. */
  readonly response?: Res;
}

export type RpcRequestOf<R> = R extends RpcDefinition<infer Req, unknown> ? Req : never;
export type RpcResponseOf<R> = R extends RpcDefinition<unknown, infer Res> ? Res : never;

export function defineRpc<Req, Res>(service: string, name: string, requestClass: DataClass<Req>): RpcDefinition<Req, Res> {
  return { subject: `rpc.${service}.${name}`, requestClass };
}

/** Requests that carry nothing but the caller. */
export class NoPayload {}
