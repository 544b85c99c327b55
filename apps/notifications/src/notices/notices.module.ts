import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { EmailModule } from '../email/email.module';
import { InboxModule } from '../inbox/inbox.module';
import { KnownClustersModule } from '../clusters/known-clusters.module';
import { KnownPeopleModule } from '../people/known-people.module';
import { KnownWorkshopsModule } from '../workshops/known-workshops.module';
import { Channels } from './channels';
import { ClusterEventHandlers } from './cluster.event-handlers';
import { MemberEventHandlers } from './member.event-handlers';
import { Notice, NoticeSchema } from './notice.schema';
import { NoticesService } from './notices.service';
import { ProjectEventHandlers } from './project.event-handlers';
import { WorkshopEventHandlers } from './workshop.event-handlers';

/** Who hears of which event (audiences.ts), whatever order the events arrive in. */
@Module({
  imports: [MongooseModule.forFeature([{ name: Notice.name, schema: NoticeSchema }]), KnownPeopleModule, KnownClustersModule, KnownWorkshopsModule, InboxModule, EmailModule],
  controllers: [MemberEventHandlers, ClusterEventHandlers, WorkshopEventHandlers, ProjectEventHandlers],
  providers: [NoticesService, Channels],
  exports: [NoticesService],
})
export class NoticesModule {}
