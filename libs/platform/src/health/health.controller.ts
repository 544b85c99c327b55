import { Controller, Get, HttpCode, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { READINESS_CHECKS, ReadinessCheck } from './readiness';

const CHECK_TIMEOUT_MS = 2_000;

async function passes(check: ReadinessCheck): Promise<boolean> {
  const timeout = new Promise<boolean>((resolve) => setTimeout(resolve, CHECK_TIMEOUT_MS, false).unref());
  return Promise.race([check.check().catch(() => false), timeout]);
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[]) {}

  @Get('live')
  @HttpCode(200)
  live(): { status: 'ok' } {
    const dead = this.checks.filter((c) => c.alive?.() === false).map((c) => c.name);
    if (dead.length > 0) throw new ServiceUnavailableException({ code: 'SERVICE.NOT_LIVE', message: 'Restart needed', details: dead });
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(): Promise<{ status: 'ok'; checks: Record<string, 'up' | 'down'> }> {
    const results = await Promise.all(this.checks.map(async (c) => [c.name, (await passes(c)) ? 'up' : 'down'] as const));
    const checks = Object.fromEntries(results);
    if (results.some(([, state]) => state === 'down')) {
      throw new ServiceUnavailableException({ code: 'SERVICE.NOT_READY', message: 'Not ready', details: checks });
    }
    return { status: 'ok', checks };
  }
}
