import { NoPayload, defineRpc } from './rpc-definition';

export interface PingReply {
  service: string;
  status: 'ok';
}

/** `rpc.<service>.ping`: every service answers it without touching its database. */
export function pingRpc(service: string) {
  return defineRpc<NoPayload, PingReply>(service, 'ping', NoPayload);
}
