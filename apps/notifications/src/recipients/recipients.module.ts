import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { DepartedCompany, DepartedCompanySchema } from './departed-company.schema';
import { KnownCluster, KnownClusterSchema } from './known-cluster.schema';
import { KnownMembership, KnownMembershipSchema } from './known-membership.schema';
import { RecipientEventHandlers } from './recipient.event-handlers';
import { Recipient, RecipientSchema } from './recipient.schema';
import { RecipientsService } from './recipients.service';

/** Who can be notified: people, companies' clusters and coordinators, as the members and clusters events tell. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Recipient.name, schema: RecipientSchema },
      { name: KnownCluster.name, schema: KnownClusterSchema },
      { name: KnownMembership.name, schema: KnownMembershipSchema },
      { name: DepartedCompany.name, schema: DepartedCompanySchema },
    ]),
  ],
  controllers: [RecipientEventHandlers],
  providers: [RecipientsService],
  exports: [RecipientsService],
})
export class RecipientsModule {}
