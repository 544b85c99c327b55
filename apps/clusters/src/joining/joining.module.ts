import { Module } from '@nestjs/common';
import { ClustersModule } from '../clusters/clusters.module';
import { CompaniesModule } from '../companies/companies.module';
import { MembershipsModule } from '../memberships/memberships.module';
import { CompanyDepartureEventHandlers } from './company-departure.event-handlers';
import { JoiningRpcHandlers } from './joining.rpc-handlers';

/** Companies joining (at once or by an approved request) and leaving clusters, and leaving them all with the federation. */
@Module({
  imports: [ClustersModule, CompaniesModule, MembershipsModule],
  controllers: [JoiningRpcHandlers, CompanyDepartureEventHandlers],
})
export class JoiningModule {}
