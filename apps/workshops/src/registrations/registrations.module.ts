import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { KnownClustersModule } from '../clusters/known-clusters.module';
import { WorkshopsModule } from '../workshops/workshops.module';
import { AttendanceService } from './attendance.service';
import { CancelledRegistration, CancelledRegistrationSchema } from './cancelled-registration.schema';
import { CompanyDeparturesEventHandlers } from './company-departures.event-handlers';
import { CompanyStanding, CompanyStandingSchema } from './company-standing.schema';
import { CompanyStandings } from './company-standings';
import { Registration, RegistrationSchema } from './registration.schema';
import { RegistrationsRpcHandlers } from './registrations.rpc-handlers';
import { RegistrationsService } from './registrations.service';
import { Seats } from './seats';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Registration.name, schema: RegistrationSchema },
      { name: CancelledRegistration.name, schema: CancelledRegistrationSchema },
      { name: CompanyStanding.name, schema: CompanyStandingSchema },
    ]),
    WorkshopsModule,
    KnownClustersModule,
  ],
  controllers: [RegistrationsRpcHandlers, CompanyDeparturesEventHandlers],
  providers: [RegistrationsService, AttendanceService, Seats, CompanyStandings],
  exports: [MongooseModule, Seats, AttendanceService],
})
export class RegistrationsModule {}
