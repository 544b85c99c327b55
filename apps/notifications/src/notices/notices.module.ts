import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { InboxModule } from '../inbox/inbox.module';
import { RecipientsModule } from '../recipients/recipients.module';
import { WorkshopsModule } from '../workshops/workshops.module';
import { ClusterEventHandlers } from './cluster.event-handlers';
import { MemberEventHandlers } from './member.event-handlers';
import { Notice, NoticeSchema } from './notice.schema';
import { NoticesService } from './notices.service';
import { WorkshopEventHandlers } from './workshop.event-handlers';

/** Who hears of which event (audiences.ts), whatever order the events arrive in. */
@Module({
  imports: [MongooseModule.forFeature([{ name: Notice.name, schema: NoticeSchema }]), RecipientsModule, WorkshopsModule, InboxModule],
  controllers: [MemberEventHandlers, ClusterEventHandlers, WorkshopEventHandlers],
  providers: [NoticesService],
  exports: [NoticesService],
})
export class NoticesModule {}
