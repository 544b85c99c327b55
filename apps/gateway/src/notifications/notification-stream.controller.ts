import { BeforeApplicationShutdown, Controller, Get, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NOTIFICATIONS_RPC, NotificationView, Principal, StreamQuery, StreamTicket } from '@grappes/contracts';
import { RpcClient, validated } from '@grappes/messaging';
import type { Request, Response } from 'express';
import { RevokedAccess } from '../access/revoked-access';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { AcceptsStreamTicket, StreamTickets } from '../auth/stream-tickets';
import { GatewayConfig } from '../gateway.config';
import { ApiBehindServices, ApiErrors, ApiSignedIn } from '../http/api-error';
import { LiveNotifications } from './live-notifications';

const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  // Proxies such as nginx would hold events back to fill a buffer.
  'x-accel-buffering': 'no',
};
/** How long EventSource waits before reconnecting, in ms. */
const RECONNECT_MS = 3_000;

function frame(n: NotificationView): string {
  return `id: ${n.id}\nevent: notification\ndata: ${JSON.stringify(n)}\n\n`;
}

/** The live stream of one's notifications (Server-Sent Events), and the tickets that open it from a browser. */
@ApiTags('notifications')
@Controller('notifications')
export class NotificationStreamController implements BeforeApplicationShutdown {
  /** The streams open on this instance, ended when it stops, so that the HTTP server can close. */
  private readonly open = new Set<() => void>();

  constructor(
    private readonly rpc: RpcClient,
    private readonly live: LiveNotifications,
    private readonly revoked: RevokedAccess,
    private readonly tickets: StreamTickets,
    @Inject(GatewayConfig) private readonly config: GatewayConfig,
  ) {}

  beforeApplicationShutdown(): void {
    for (const end of [...this.open]) end();
  }

  @Post('stream-ticket')
  @HttpCode(200)
  @ApiSignedIn()
  @ApiOperation({ summary: 'A short-lived ticket to open my live stream where no header can be sent (`EventSource`): `GET /notifications/stream?ticket=…`' })
  @ApiOkResponse({ description: '`{ticket, expiresIn}`: the ticket opens the stream, on any gateway, for `expiresIn` seconds; it opens nothing else' })
  ticket(@CurrentPrincipal() principal: Principal): StreamTicket {
    return { ticket: this.tickets.issue(principal), expiresIn: this.tickets.ttlSeconds };
  }

  @Get('stream')
  @AcceptsStreamTicket()
  @ApiSignedIn()
  @ApiBehindServices()
  @ApiOperation({
    summary: 'My new notifications as they are created (Server-Sent Events)',
    description:
      'Each entry of my inbox as an event `notification` whose `id` is the notification\'s and whose `data` is the notification as `GET /notifications` lists it. ' +
      'A comment line every few seconds keeps the connection open. With `Last-Event-ID` (or `?lastEventId=`), the entries created after that one are sent first; ' +
      'those of its last few seconds may come again: recognise them by their id. Signed in with a bearer token, or `?ticket=` from `POST /notifications/stream-ticket`. ' +
      'The stream ends when my access is withdrawn.',
  })
  @ApiOkResponse({
    description: 'Server-Sent Events, open until the client leaves (errors before it opens are JSON, as everywhere)',
    content: { 'text/event-stream': { schema: { type: 'string', example: 'id: 3f0c…\nevent: notification\ndata: {"id":"3f0c…","type":"registration-confirmed",…}\n\n' } } },
  })
  @ApiErrors(400, [401, 'No token or ticket, or a bad or expired one'])
  async stream(@Query() query: StreamQuery, @CurrentPrincipal() principal: Principal, @Req() req: Request, @Res() res: Response): Promise<void> {
    const afterId = query.lastEventId ?? this.lastEventIdHeader(req);
    // Listening starts before the inbox is read: an entry created meanwhile arrives one way or the other, and is sent once.
    const waiting: NotificationView[] = [];
    let deliver: (n: NotificationView) => void = (n) => waiting.push(n);
    const stopListening = this.live.listen(principal.id, (n) => deliver(n));
    let missed: NotificationView[];
    try {
      missed = afterId ? await this.rpc.send(NOTIFICATIONS_RPC.inboxSince, { afterId }, { principal }) : [];
    } catch (error) {
      stopListening();
      throw error;
    }
    res.writeHead(200, SSE_HEADERS);
    res.write(`retry: ${RECONNECT_MS}\n\n`);
    const sent = new Set<string>();
    for (const n of [...missed, ...waiting]) if (!sent.has(n.id) && sent.add(n.id)) res.write(frame(n));
    deliver = (n) => res.write(frame(n));
    this.keepOpen(principal, req, res, stopListening);
  }

  private keepOpen(principal: Principal, req: Request, res: Response, stopListening: () => void): void {
    const heartbeat = setInterval(() => {
      if (this.revoked.denies(principal)) end();
      else res.write(': heartbeat\n\n');
    }, this.config.STREAM_HEARTBEAT_SECONDS * 1000);
    const end = () => {
      clearInterval(heartbeat);
      stopListening();
      this.open.delete(end);
      res.end();
    };
    this.open.add(end);
    req.on('close', end);
  }

  /** EventSource sends it on reconnecting; validated as the query's `lastEventId` is. */
  private lastEventIdHeader(req: Request): string | undefined {
    const header = req.headers['last-event-id'];
    return typeof header === 'string' && header ? validated(StreamQuery, { lastEventId: header }).lastEventId : undefined;
  }
}
