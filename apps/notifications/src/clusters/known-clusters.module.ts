import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { KnownClusterEventHandlers } from './cluster.event-handlers';
import { KnownCluster, KnownClusterSchema } from './known-cluster.schema';
import { KnownClustersService } from './known-clusters.service';
import { KnownMembership, KnownMembershipSchema } from './known-membership.schema';

/** A local view of the clusters service's data (clusters, coordinators, memberships), fed by its events. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: KnownCluster.name, schema: KnownClusterSchema },
      { name: KnownMembership.name, schema: KnownMembershipSchema },
    ]),
  ],
  controllers: [KnownClusterEventHandlers],
  providers: [KnownClustersService],
  exports: [KnownClustersService],
})
export class KnownClustersModule {}
