import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { KnownClustersModule } from '../clusters/known-clusters.module';
import { RegistrationsModule } from '../registrations/registrations.module';
import { WorkshopsModule } from '../workshops/workshops.module';
import { CalendarAccessEventHandlers } from './calendar-access.event-handlers';
import { CalendarToken, CalendarTokenSchema } from './calendar-token.schema';
import { CalendarTokensService } from './calendar-tokens.service';
import { CalendarsRpcHandlers } from './calendars.rpc-handlers';
import { CalendarsService } from './calendars.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: CalendarToken.name, schema: CalendarTokenSchema }]), WorkshopsModule, RegistrationsModule, KnownClustersModule],
  controllers: [CalendarsRpcHandlers, CalendarAccessEventHandlers],
  providers: [CalendarsService, CalendarTokensService],
})
export class CalendarsModule {}
