import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { NoPayload, NotificationPreferences, PREFERENCES_RPC, PreferencesView } from '@grappes/contracts';
import { Caller, RequestContext, RpcHandler, requirePrincipal } from '@grappes/messaging';
import { PreferencesService } from './preferences.service';

/** One's own preferences only: the principal names whose. */
@Controller()
export class PreferencesRpcHandlers {
  constructor(private readonly preferences: PreferencesService) {}

  @RpcHandler(PREFERENCES_RPC.getPreferences)
  get(@Payload() _: NoPayload, @Caller() caller: RequestContext): Promise<PreferencesView> {
    return this.preferences.of(requirePrincipal(caller).id);
  }

  @RpcHandler(PREFERENCES_RPC.setPreferences)
  set(@Payload() preferences: NotificationPreferences, @Caller() caller: RequestContext): Promise<PreferencesView> {
    return this.preferences.set(requirePrincipal(caller).id, preferences);
  }
}
