import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CompaniesModule } from '../companies/companies.module';
import { LegacyRemovalsMigration } from './legacy-removals.migration';
import { PeopleRpcHandlers } from './people.rpc-handlers';
import { PeopleService } from './people.service';
import { Person, PersonSchema } from './person.schema';
import { RemovedPerson, RemovedPersonSchema } from './removed-person.schema';

@Module({
  imports: [
    CompaniesModule,
    MongooseModule.forFeature([
      { name: Person.name, schema: PersonSchema },
      { name: RemovedPerson.name, schema: RemovedPersonSchema },
    ]),
  ],
  controllers: [PeopleRpcHandlers],
  providers: [PeopleService, LegacyRemovalsMigration],
  exports: [PeopleService],
})
export class PeopleModule {}
