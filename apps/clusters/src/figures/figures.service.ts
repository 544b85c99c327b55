import { Injectable } from '@nestjs/common';
import { InnovationFigures } from '@grappes/contracts';
import { IdeasService } from '../ideas/ideas.service';
import { ProjectsService } from '../projects/projects.service';
import { innovationFigures } from './innovation-figures';

/** The clusters' part of the sector figures: the innovation space. */
@Injectable()
export class FiguresService {
  constructor(
    private readonly ideas: IdeasService,
    private readonly projects: ProjectsService,
  ) {}

  async innovation(): Promise<InnovationFigures> {
    const [ideaClusterIds, projects] = await Promise.all([this.ideas.clusterIdsOfAll(), this.projects.figureRows()]);
    return innovationFigures(ideaClusterIds, projects, new Date());
  }
}
