import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { PeopleHandlers } from './people.handlers';
import { PeopleService } from './people.service';
import { Person, PersonSchema } from './person.schema';

@Module({
  imports: [MongooseModule.forFeature([{ name: Person.name, schema: PersonSchema }])],
  controllers: [PeopleHandlers],
  providers: [PeopleService],
  exports: [PeopleService],
})
export class PeopleModule {}
