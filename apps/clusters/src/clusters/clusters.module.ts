import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CompaniesModule } from '../companies/companies.module';
import { Membership, MembershipSchema } from '../memberships/membership.schema';
import { CompanyDepartureHandler } from '../memberships/company-departure.handler';
import { MembershipsHandlers } from '../memberships/memberships.handlers';
import { MembershipsService } from '../memberships/memberships.service';
import { ClusterAccessService } from './cluster-access.service';
import { Cluster, ClusterSchema } from './cluster.schema';
import { ClustersHandlers } from './clusters.handlers';
import { ClustersService } from './clusters.service';

/** Clusters and the memberships inside them. */
@Module({
  imports: [
    CompaniesModule,
    MongooseModule.forFeature([
      { name: Cluster.name, schema: ClusterSchema },
      { name: Membership.name, schema: MembershipSchema },
    ]),
  ],
  controllers: [ClustersHandlers, MembershipsHandlers, CompanyDepartureHandler],
  providers: [ClustersService, MembershipsService, ClusterAccessService],
  exports: [ClustersService, MembershipsService, ClusterAccessService],
})
export class ClustersModule {}
