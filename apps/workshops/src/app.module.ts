import { DynamicModule, Module } from '@nestjs/common';
import { ServicePlatformModule } from '@grappes/platform';
import { WorkshopsConfig } from './workshops.config';

/** Workshops, registrations and calendars arrive with their own issue; the service already runs and reports health. */
@Module({})
export class AppModule {
  static register(config: WorkshopsConfig): DynamicModule {
    return { module: AppModule, imports: [ServicePlatformModule.forRoot({ service: 'workshops', config, aggregates: [] })] };
  }
}
