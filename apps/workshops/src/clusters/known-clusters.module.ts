import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ClusterMembers } from './known-clusters.service';
import { ClusterMembership, ClusterMembershipSchema } from './known-membership.schema';
import { ClusterEventsHandlers } from './cluster.event-handlers';
import { KnownCluster, KnownClusterSchema } from './known-cluster.schema';

/** This service's view of clusters: who coordinates them and which companies belong to them. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: KnownCluster.name, schema: KnownClusterSchema },
      { name: ClusterMembership.name, schema: ClusterMembershipSchema },
    ]),
  ],
  controllers: [ClusterEventsHandlers],
  providers: [ClusterMembers],
  exports: [MongooseModule, ClusterMembers],
})
export class ClustersModule {}
