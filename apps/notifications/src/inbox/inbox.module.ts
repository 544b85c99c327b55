import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import {
  DepartedCompany, DepartedCompanySchema, KnownCluster, KnownClusterSchema, KnownMembership, KnownMembershipSchema, Recipient,
  RecipientSchema,
} from '../recipients/recipient.schema';
import { RecipientEventsHandlers } from '../recipients/recipient-events.handlers';
import { RecipientsService } from '../recipients/recipients.service';
import { ClusterMembershipNotifier } from './cluster-membership.notifier';
import { InboxHandlers } from './inbox.handlers';
import { InboxService } from './inbox.service';
import { Notification, NotificationSchema } from './notification.schema';
import { Welcomes } from './welcomes';
import { WorkshopNotifier } from './workshop.notifier';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Notification.name, schema: NotificationSchema },
      { name: Recipient.name, schema: RecipientSchema },
      { name: KnownCluster.name, schema: KnownClusterSchema },
      { name: KnownMembership.name, schema: KnownMembershipSchema },
      { name: DepartedCompany.name, schema: DepartedCompanySchema },
    ]),
  ],
  controllers: [InboxHandlers, RecipientEventsHandlers, ClusterMembershipNotifier, WorkshopNotifier],
  providers: [InboxService, RecipientsService, Welcomes],
})
export class InboxModule {}
