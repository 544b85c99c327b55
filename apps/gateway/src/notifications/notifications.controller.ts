import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Inbox, InboxQuery, NOTIFICATIONS_RPC, NotificationView, Principal } from '@grappes/contracts';
import { RpcClient } from '@grappes/messaging';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { ApiBehindServices, ApiErrors, ApiSignedIn } from '../http/api-error';

@ApiTags('notifications')
@ApiSignedIn()
@ApiBehindServices()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @ApiOperation({ summary: 'My inbox, newest first, with the unread count' })
  @ApiOkResponse({ description: 'A page of my notifications with `unreadCount`: `{items, total, page, limit, unreadCount}`' })
  @ApiErrors(400)
  list(@Query() query: InboxQuery, @CurrentPrincipal() principal: Principal): Promise<Inbox> {
    return this.rpc.send(NOTIFICATIONS_RPC.listInbox, query, { principal });
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one of my notifications read' })
  @ApiOkResponse({ description: 'The notification with `readAt` (the first reading time when read again)' })
  @ApiErrors(400, [404, 'No such notification in my inbox'])
  markRead(@Param('id') notificationId: string, @CurrentPrincipal() principal: Principal): Promise<NotificationView> {
    return this.rpc.send(NOTIFICATIONS_RPC.markRead, { notificationId }, { principal });
  }
}
