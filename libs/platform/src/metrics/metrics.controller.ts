import { Controller, Get, Res } from '@nestjs/common';
import { ServerResponse } from 'node:http';
import { AppMetrics } from './app-metrics';

/** `GET /metrics` on a service's own port, beside health: internal, like that port. */
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: AppMetrics) {}

  /** Written as is: Express would rewrite the content type's parameters. */
  @Get()
  async render(@Res() res: ServerResponse): Promise<void> {
    const body = await this.metrics.render();
    res.writeHead(200, { 'content-type': this.metrics.contentType }).end(body);
  }
}
