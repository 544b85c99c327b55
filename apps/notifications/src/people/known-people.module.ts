import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { DepartedCompany, DepartedCompanySchema } from './departed-company.schema';
import { KnownCluster, KnownClusterSchema } from '../clusters/known-cluster.schema';
import { KnownMembership, KnownMembershipSchema } from '../clusters/known-membership.schema';
import { RecipientEventHandlers } from './person.event-handlers';
import { Recipient, RecipientSchema } from './known-person.schema';
import { RecipientsService } from './known-people.service';

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
