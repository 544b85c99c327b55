import { DynamicModule, Module } from '@nestjs/common';
import { ServicePlatformModule } from '@grappes/platform';
import { AuditConfig } from './audit.config';
import { TrailModule } from './trail/trail.module';

@Module({})
export class AppModule {
  static register(config: AuditConfig): DynamicModule {
    return {
      module: AppModule,
      // It publishes no events: no outbox, no stream of its own.
      imports: [ServicePlatformModule.forRoot({ service: 'audit', config, aggregates: [] }), TrailModule],
    };
  }
}
