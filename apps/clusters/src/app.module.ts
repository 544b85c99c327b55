import { DynamicModule, Module } from '@nestjs/common';
import { ServicePlatformModule } from '@grappes/platform';
import { ClustersConfig } from './clusters.config';
import { Cluster } from './clusters/cluster.schema';
import { ClustersModule } from './clusters/clusters.module';
import { DeparturesModule } from './departures/departures.module';
import { FiguresModule } from './figures/figures.module';
import { Idea } from './ideas/idea.schema';
import { IdeasModule } from './ideas/ideas.module';
import { JoiningModule } from './joining/joining.module';
import { Membership } from './memberships/membership.schema';
import { Project } from './projects/project.schema';
import { ProjectsModule } from './projects/projects.module';

@Module({})
export class AppModule {
  static register(config: ClustersConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServicePlatformModule.forRoot({
          service: 'clusters', config, aggregates: [Cluster.name, Membership.name, Project.name, Idea.name],
        }),
        ClustersModule,
        JoiningModule,
        ProjectsModule,
        IdeasModule,
        DeparturesModule,
        FiguresModule,
      ],
    };
  }
}
