import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Page, PageQuery, Principal, WEBHOOKS_RPC, WebhookDeliveryView, WebhookSubscription, WebhookView } from '@grappes/contracts';
import { RpcClient } from '@grappes/messaging';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { ApiBehindServices, ApiErrors, ApiSignedIn } from '../http/api-error';

@ApiTags('webhooks')
@ApiSignedIn()
@ApiBehindServices()
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @ApiOperation({
    summary: 'Subscribe another system to events (federation-admin)',
    description:
      'Each event named in `events` is POSTed to `url` as its envelope (JSON), with `x-grappes-signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" with the secret>`, ' +
      '`x-grappes-event` and `x-grappes-delivery`. A non-2xx answer is retried with growing waits, then the delivery is kept as failed. ' +
      'In production the URL must be https and not resolve to a private or loopback address.',
  })
  @ApiCreatedResponse({ description: '`{id, url, events, createdAt, createdBy}` (the secret is never shown again)' })
  @ApiErrors(400, [403, 'Not federation staff'], [422, 'The URL is refused (http, or a private or loopback address, in production)'])
  subscribe(@Body() subscription: WebhookSubscription, @CurrentPrincipal() principal: Principal): Promise<WebhookView> {
    return this.rpc.send(WEBHOOKS_RPC.subscribe, subscription, { principal });
  }

  @Get()
  @ApiOperation({ summary: 'The subscriptions, newest first (federation-admin)' })
  @ApiOkResponse({ description: 'A page of `{id, url, events, createdAt, createdBy}`' })
  @ApiErrors(400, [403, 'Not federation staff'])
  list(@Query() query: PageQuery, @CurrentPrincipal() principal: Principal): Promise<Page<WebhookView>> {
    return this.rpc.send(WEBHOOKS_RPC.listWebhooks, query, { principal });
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'End a subscription (federation-admin): nothing more is delivered to it' })
  @ApiNoContentResponse({ description: 'Ended' })
  @ApiErrors([403, 'Not federation staff'], [404, 'No such webhook'])
  async remove(@Param('id') webhookId: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    await this.rpc.send(WEBHOOKS_RPC.removeWebhook, { webhookId }, { principal });
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: "A subscription's delivery log, newest first (federation-admin)" })
  @ApiOkResponse({ description: 'A page of `{id, eventId, event, status (pending, sent, failed), attempts, lastError?, nextAttemptAt?, deliveredAt?, createdAt}`' })
  @ApiErrors(400, [403, 'Not federation staff'], [404, 'No such webhook'])
  deliveries(@Param('id') webhookId: string, @Query() query: PageQuery, @CurrentPrincipal() principal: Principal): Promise<Page<WebhookDeliveryView>> {
    return this.rpc.send(WEBHOOKS_RPC.listDeliveries, { ...query, webhookId }, { principal });
  }
}
