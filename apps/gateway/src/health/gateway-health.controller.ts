import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError, ERRORS, pingRpc } from '@grappes/contracts';
import { RpcClient } from '@grappes/messaging';
import { NATS_CONNECTION } from '@grappes/platform';
import { NatsConnection } from 'nats';
import { Public } from '../auth/public.decorator';
import { ApiErrors } from '../http/api-error';

const SERVICES = ['members', 'clusters', 'workshops', 'notifications', 'audit'] as const;
const PING_TIMEOUT_MS = 2_000;

@ApiTags('health')
@Public()
@ApiErrors(429)
@Controller('health')
export class GatewayHealthController {
  constructor(
    private readonly rpc: RpcClient,
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the gateway process answers and its NATS connection is not closed for good' })
  @ApiOkResponse({ description: '`{status: "ok"}`' })
  @ApiErrors([503, 'A restart is needed: the NATS connection closed for good'])
  live(): { status: 'ok' } {
    // An outage the connection rides out (it reconnects forever) is no reason to restart.
    if (this.nats.isClosed()) throw new DomainError(ERRORS.SERVICE_UNAVAILABLE, 'Restart needed: NATS connection closed');
    return { status: 'ok' };
  }

  /** Ready when NATS is up and at least one instance of every service answers. */
  @Get('ready')
  @ApiOperation({ summary: 'Readiness: NATS and every service behind the gateway answer' })
  @ApiOkResponse({ description: '`{status: "ok", checks}`: every check is `up`' })
  @ApiErrors([503, 'Not ready: `details` gives each check, `up` or `down`'])
  async ready(): Promise<{ status: 'ok'; checks: Record<string, 'up' | 'down'> }> {
    const services = await Promise.all(SERVICES.map(async (service) => [service, (await this.answers(service)) ? 'up' : 'down'] as const));
    const checks: Record<string, 'up' | 'down'> = { nats: this.nats.isClosed() ? 'down' : 'up', ...Object.fromEntries(services) };
    if (Object.values(checks).includes('down')) {
      throw new DomainError(ERRORS.SERVICE_UNAVAILABLE, 'Not ready', checks);
    }
    return { status: 'ok', checks };
  }

  private answers(service: string): Promise<boolean> {
    return this.rpc.send(pingRpc(service), {}, { timeoutMs: PING_TIMEOUT_MS }).then(() => true, () => false);
  }
}
