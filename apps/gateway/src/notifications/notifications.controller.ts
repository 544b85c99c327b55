import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Inbox, InboxQuery, NOTIFICATIONS_RPC, NotificationView, Principal } from '@grappes/contracts';
import { RpcClient } from '@grappes/messaging';
import { CurrentPrincipal } from '../auth/principal.decorator';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @ApiOperation({ summary: 'My inbox, newest first, with the unread count' })
  list(@Query() query: InboxQuery, @CurrentPrincipal() principal: Principal): Promise<Inbox> {
    return this.rpc.send(NOTIFICATIONS_RPC.listInbox, query, { principal });
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one of my notifications read' })
  markRead(@Param('id') notificationId: string, @CurrentPrincipal() principal: Principal): Promise<NotificationView> {
    return this.rpc.send(NOTIFICATIONS_RPC.markRead, { notificationId }, { principal });
  }
}
