import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { PeopleModule } from '../people/people.module';
import { Session, SessionSchema } from './session.schema';
import { SessionsRpcHandlers } from './sessions.rpc-handlers';
import { SessionsService } from './sessions.service';

@Module({
  imports: [PeopleModule, MongooseModule.forFeature([{ name: Session.name, schema: SessionSchema }])],
  controllers: [SessionsRpcHandlers],
  providers: [SessionsService],
})
export class SessionsModule {}
