import { DynamicModule, Module } from '@nestjs/common';
import { ServicePlatformModule } from '@grappes/platform';
import { ClustersConfig } from './clusters.config';
import { Cluster } from './clusters/cluster.schema';
import { ClustersModule } from './clusters/clusters.module';
import { Membership } from './memberships/membership.schema';

@Module({})
export class AppModule {
  static register(config: ClustersConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServicePlatformModule.forRoot({ service: 'clusters', config, aggregates: [Cluster.name, Membership.name] }),
        ClustersModule,
      ],
    };
  }
}
