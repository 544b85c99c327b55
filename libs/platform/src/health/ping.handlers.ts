import { Controller, Type } from '@nestjs/common';
import { MessagePattern, Transport } from '@nestjs/microservices';

/** `rpc.<service>.ping`: lets the gateway tell that at least one instance of a service answers. */
export function pingSubject(service: string): string {
  return `rpc.${service}.ping`;
}

export function pingHandlers(service: string): Type {
  @Controller()
  class PingHandlers {
    @MessagePattern(pingSubject(service), Transport.NATS)
    ping(): { service: string; status: 'ok' } {
      return { service, status: 'ok' };
    }
  }
  return PingHandlers;
}
