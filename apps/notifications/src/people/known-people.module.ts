import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { DepartedCompany, DepartedCompanySchema } from './departed-company.schema';
import { KnownPeopleService } from './known-people.service';
import { KnownPerson, KnownPersonSchema } from './known-person.schema';
import { KnownPersonEventHandlers } from './person.event-handlers';

/** A local view of the members service's people (who can be notified) and of the companies that left, fed by its events. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: KnownPerson.name, schema: KnownPersonSchema },
      { name: DepartedCompany.name, schema: DepartedCompanySchema },
    ]),
  ],
  controllers: [KnownPersonEventHandlers],
  providers: [KnownPeopleService],
  exports: [KnownPeopleService],
})
export class KnownPeopleModule {}
