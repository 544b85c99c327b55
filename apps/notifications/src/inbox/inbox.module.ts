import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { InboxRpcHandlers } from './inbox.rpc-handlers';
import { InboxService } from './inbox.service';
import { Notification, NotificationSchema } from './notification.schema';

/** The in-app inbox: entries put by the notices, read and marked read by their recipient. */
@Module({
  imports: [MongooseModule.forFeature([{ name: Notification.name, schema: NotificationSchema }])],
  controllers: [InboxRpcHandlers],
  providers: [InboxService],
  exports: [InboxService],
})
export class InboxModule {}
