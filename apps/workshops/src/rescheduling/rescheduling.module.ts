import { Module } from '@nestjs/common';
import { RegistrationsModule } from '../registrations/registrations.module';
import { WorkshopsModule } from '../workshops/workshops.module';
import { WorkshopChangesRpcHandlers } from './workshop-changes.rpc-handlers';
import { WorkshopChangesService } from './workshop-changes.service';

@Module({
  imports: [WorkshopsModule, RegistrationsModule],
  controllers: [WorkshopChangesRpcHandlers],
  providers: [WorkshopChangesService],
})
export class ReschedulingModule {}
