import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  AccountView, AddPersonRequest, CompanyRef, Credentials, LocaleChoice, MEMBERS_RPC, NoPayload, PersonRef, PersonView, Principal,
} from '@grappes/contracts';
import { Caller, RequestContext, RpcHandler, requirePrincipal } from '@grappes/messaging';
import { PeopleService } from './people.service';

@Controller()
export class PeopleRpcHandlers {
  constructor(private readonly people: PeopleService) {}

  @RpcHandler(MEMBERS_RPC.verifyCredentials)
  verifyCredentials(@Payload() credentials: Credentials): Promise<Principal> {
    return this.people.verify(credentials);
  }

  @RpcHandler(MEMBERS_RPC.addPerson)
  add(@Payload() request: AddPersonRequest, @Caller() caller: RequestContext): Promise<PersonView> {
    return this.people.add(request, requirePrincipal(caller));
  }

  @RpcHandler(MEMBERS_RPC.listPeople)
  list(@Payload() { companyId }: CompanyRef, @Caller() caller: RequestContext): Promise<PersonView[]> {
    return this.people.list(companyId, requirePrincipal(caller));
  }

  @RpcHandler(MEMBERS_RPC.removePerson)
  remove(@Payload() ref: PersonRef, @Caller() caller: RequestContext): Promise<void> {
    return this.people.remove(ref, requirePrincipal(caller));
  }

  @RpcHandler(MEMBERS_RPC.myAccount)
  account(@Payload() _: NoPayload, @Caller() caller: RequestContext): Promise<AccountView> {
    return this.people.account(requirePrincipal(caller));
  }

  @RpcHandler(MEMBERS_RPC.chooseLocale)
  chooseLocale(@Payload() { locale }: LocaleChoice, @Caller() caller: RequestContext): Promise<AccountView> {
    return this.people.chooseLocale(requirePrincipal(caller), locale);
  }
}
