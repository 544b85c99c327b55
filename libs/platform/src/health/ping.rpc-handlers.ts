import { Controller, Type } from '@nestjs/common';
import { MessagePattern, Transport } from '@nestjs/microservices';
import { PingReply, pingRpc } from '@grappes/contracts';

/** `rpc.<service>.ping`: lets the gateway tell that at least one instance of a service answers. */
export function pingSubject(service: string): string {
  return pingRpc(service).subject;
}

export function pingHandlers(service: string): Type {
  @Controller()
  class PingRpcHandlers {
    @MessagePattern(pingSubject(service), Transport.NATS)
    ping(): PingReply {
      return { service, status: 'ok' };
    }
  }
  return PingRpcHandlers;
}
