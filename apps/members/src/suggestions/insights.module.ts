import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CompaniesModule } from '../companies/companies.module';
import { FiguresService } from '../figures/figures.service';
import { ClusterEventsHandlers } from './cluster-events.handlers';
import { KnownCluster, KnownClusterSchema, KnownMembership, KnownMembershipSchema } from './cluster-view.schema';
import { SuggestionsService } from './suggestions.service';
import { InsightsHandlers } from './insights.handlers';

/** Suggestions and sector figures: views over the directory and the clusters' events. */
@Module({
  imports: [
    CompaniesModule,
    MongooseModule.forFeature([
      { name: KnownCluster.name, schema: KnownClusterSchema },
      { name: KnownMembership.name, schema: KnownMembershipSchema },
    ]),
  ],
  controllers: [InsightsHandlers, ClusterEventsHandlers],
  providers: [SuggestionsService, FiguresService],
})
export class InsightsModule {}
