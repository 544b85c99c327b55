import { Module } from '@nestjs/common';
import { IdeasModule } from '../ideas/ideas.module';
import { ProjectsModule } from '../projects/projects.module';
import { CompanyLeftClusterEventHandlers } from './company-left-cluster.event-handlers';

/** What a company's departure from a cluster changes beyond its membership. */
@Module({
  imports: [ProjectsModule, IdeasModule],
  controllers: [CompanyLeftClusterEventHandlers],
})
export class DeparturesModule {}
