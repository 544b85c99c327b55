import { DynamicModule, Module } from '@nestjs/common';
import { ServicePlatformModule } from '@grappes/platform';
import { CalendarsModule } from './calendars/calendars.module';
import { CancelledRegistration } from './registrations/cancelled-registration.schema';
import { Registration } from './registrations/registration.schema';
import { RegistrationsModule } from './registrations/registrations.module';
import { ReschedulingModule } from './rescheduling/rescheduling.module';
import { Workshop } from './workshops/workshop.schema';
import { WorkshopsModule } from './workshops/workshops.module';
import { WorkshopsConfig } from './workshops.config';

@Module({})
export class AppModule {
  static register(config: WorkshopsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServicePlatformModule.forRoot({ service: 'workshops', config, aggregates: [Workshop.name, Registration.name, CancelledRegistration.name] }),
        WorkshopsModule,
        RegistrationsModule,
        ReschedulingModule,
        CalendarsModule,
      ],
    };
  }
}
