import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ClustersModule } from '../clusters/clusters.module';
import { ProjectsModule } from '../projects/projects.module';
import { Idea, IdeaSchema } from './idea.schema';
import { IdeasRpcHandlers } from './ideas.rpc-handlers';
import { IdeasService } from './ideas.service';

/** The innovation space: ideas, comments, expressions of interest; an idea may become a project. */
@Module({
  imports: [ClustersModule, ProjectsModule, MongooseModule.forFeature([{ name: Idea.name, schema: IdeaSchema }])],
  controllers: [IdeasRpcHandlers],
  providers: [IdeasService],
  exports: [IdeasService],
})
export class IdeasModule {}
