import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Credentials, MEMBERS_RPC, Principal } from '@grappes/contracts';
import { RpcHandler } from '@grappes/messaging';
import { PeopleService } from './people.service';

@Controller()
export class PeopleHandlers {
  constructor(private readonly people: PeopleService) {}

  @RpcHandler(MEMBERS_RPC.verifyCredentials)
  verifyCredentials(@Payload() credentials: Credentials): Promise<Principal> {
    return this.people.verify(credentials);
  }
}
