import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NotificationPreferences, PREFERENCES_RPC, PreferencesView, Principal } from '@grappes/contracts';
import { RpcClient } from '@grappes/messaging';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { ApiBehindServices, ApiErrors, ApiSignedIn } from '../http/api-error';

@ApiTags('notifications')
@ApiSignedIn()
@ApiBehindServices()
@Controller('notifications/preferences')
export class PreferencesController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @ApiOperation({ summary: 'My notification preferences' })
  @ApiOkResponse({ description: '`{email: {<notification type>: boolean}, digest}`, every type named (`true` unless I turned it off)' })
  get(@CurrentPrincipal() principal: Principal): Promise<PreferencesView> {
    return this.rpc.send(PREFERENCES_RPC.getPreferences, {}, { principal });
  }

  @Put()
  @ApiOperation({
    summary: 'Replace my notification preferences',
    description:
      '`email` says per notification type whether it is e-mailed (a type left out is); `digest` is `immediate` or `daily` (one e-mail at 08:00, Paris time). ' +
      'What concerns my own registration is e-mailed at once whatever I choose. The in-app inbox and live stream always have everything.',
  })
  @ApiOkResponse({ description: 'The preferences now, every type named' })
  @ApiErrors(400)
  set(@Body() preferences: NotificationPreferences, @CurrentPrincipal() principal: Principal): Promise<PreferencesView> {
    return this.rpc.send(PREFERENCES_RPC.setPreferences, preferences, { principal });
  }
}
