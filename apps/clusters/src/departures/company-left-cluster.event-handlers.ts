import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CLUSTERS_EVENTS, CompanyLeftCluster, EventEnvelope } from '@grappes/contracts';
import { OnEvent } from '@grappes/messaging';
import { IdeasService } from '../ideas/ideas.service';
import { ProjectsService } from '../projects/projects.service';

/**
 * This service's own event, rather than a call inside the leaving write: the
 * membership, the projects and the ideas are separate documents, and the event
 * is delivered until both effects are stored (each is harmless when repeated).
 */
@Controller()
export class CompanyLeftClusterEventHandlers {
  constructor(
    private readonly projects: ProjectsService,
    private readonly ideas: IdeasService,
  ) {}

  @OnEvent(CLUSTERS_EVENTS.companyLeftCluster)
  async companyLeft(@Payload() { data }: EventEnvelope<CompanyLeftCluster>): Promise<void> {
    await this.projects.partnerLeftCluster(data.clusterId, data.companyId, new Date(data.leftAt));
    await this.ideas.companyLeftCluster(data.clusterId, data.companyId);
  }
}
