import { Module } from '@nestjs/common';
import { RegistrationsModule } from '../registrations/registrations.module';
import { WorkshopsModule } from '../workshops/workshops.module';
import { WorkshopChangesHandlers } from './workshop-changes.rpc-handlers';
import { WorkshopChangesService } from './workshop-changes.service';

@Module({
  imports: [WorkshopsModule, RegistrationsModule],
  controllers: [WorkshopChangesHandlers],
  providers: [WorkshopChangesService],
})
export class ReschedulingModule {}
