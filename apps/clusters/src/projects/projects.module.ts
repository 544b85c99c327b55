import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ClustersModule } from '../clusters/clusters.module';
import { Project, ProjectSchema } from './project.schema';
import { ProjectsRpcHandlers } from './projects.rpc-handlers';
import { ProjectsService } from './projects.service';

/** Joint projects of a cluster's member companies: launch, follow, update. */
@Module({
  imports: [ClustersModule, MongooseModule.forFeature([{ name: Project.name, schema: ProjectSchema }])],
  controllers: [ProjectsRpcHandlers],
  providers: [ProjectsService],
  exports: [ProjectsService],
})
export class ProjectsModule {}
