import { Module } from '@nestjs/common';
import { IdeasModule } from '../ideas/ideas.module';
import { ProjectsModule } from '../projects/projects.module';
import { FiguresRpcHandlers } from './figures.rpc-handlers';
import { FiguresService } from './figures.service';

/** The innovation space in the sector figures: ideas, projects by status and kind, overdue milestones, per cluster. */
@Module({
  imports: [IdeasModule, ProjectsModule],
  controllers: [FiguresRpcHandlers],
  providers: [FiguresService],
})
export class FiguresModule {}
