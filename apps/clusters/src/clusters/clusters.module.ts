import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CompaniesModule } from '../companies/companies.module';
import { MembershipsModule } from '../memberships/memberships.module';
import { ClusterAccessService } from './cluster-access.service';
import { Cluster, ClusterSchema } from './cluster.schema';
import { ClustersRpcHandlers } from './clusters.rpc-handlers';
import { ClustersService } from './clusters.service';

/** Opening, listing and reading clusters (a cluster opened with its coordinator admits it as a member). */
@Module({
  imports: [CompaniesModule, MembershipsModule, MongooseModule.forFeature([{ name: Cluster.name, schema: ClusterSchema }])],
  controllers: [ClustersRpcHandlers],
  providers: [ClustersService, ClusterAccessService],
  exports: [ClustersService, ClusterAccessService],
})
export class ClustersModule {}
