import { DynamicModule, Module } from '@nestjs/common';
import { ServicePlatformModule } from '@grappes/platform';
import { Workshop } from './workshops/workshop.schema';
import { WorkshopsModule } from './workshops/workshops.module';
import { WorkshopsConfig } from './workshops.config';

@Module({})
export class AppModule {
  static register(config: WorkshopsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ServicePlatformModule.forRoot({ service: 'workshops', config, aggregates: [Workshop.name] }), WorkshopsModule],
    };
  }
}
