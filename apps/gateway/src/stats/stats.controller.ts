import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CLUSTERS_RPC, ClusterAttendance, ClusterView, InnovationFigures, MAX_PAGE_LIMIT, MEMBERS_RPC, PROJECTS_RPC, Principal, SectorFigures,
  WORKSHOPS_RPC, WorkshopView,
} from '@grappes/contracts';
import { RpcClient } from '@grappes/messaging';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { ApiBehindServices, ApiSignedIn } from '../http/api-error';

type ClusterSize = Pick<ClusterView, 'id' | 'name' | 'theme' | 'memberCount'>;
type UpcomingWorkshop = Pick<WorkshopView, 'id' | 'title' | 'theme' | 'clusterId' | 'startsAt' | 'seats'>;

/** How many of the next workshops the figures list. */
const UPCOMING_LIMIT = 20;

@ApiTags('stats')
@ApiSignedIn()
@ApiBehindServices()
@Controller('stats')
export class StatsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @ApiOperation({ summary: 'Sector figures: companies, headcount and revenue (federation staff) by category and region; cluster sizes; upcoming workshops; attendance per cluster; the innovation space (ideas, projects by status and kind, overdue milestones), in all and per cluster' })
  @ApiOkResponse({ description: 'The figures, `clusters` with their sizes, `upcomingWorkshops: {total, next}` and `workshopAttendance: [{clusterId, workshops, attended}]` (`clusterId` null: workshops open to all) and `innovation: {ideas, projectsByStatus, projectsByKind, overdueMilestones, byCluster: [{clusterId, …the same}]}` (a milestone is overdue when not done past its date, in a project proposed or active)' })
  async stats(
    @CurrentPrincipal() principal: Principal,
  ): Promise<SectorFigures & {
    clusters: ClusterSize[]; upcomingWorkshops: { total: number; next: UpcomingWorkshop[] }; workshopAttendance: ClusterAttendance[]; innovation: InnovationFigures;
  }> {
    const [figures, clusters, upcoming, workshopAttendance, innovation] = await Promise.all([
      this.rpc.send(MEMBERS_RPC.sectorFigures, {}, { principal }),
      this.clusterSizes(principal),
      this.rpc.send(WORKSHOPS_RPC.listWorkshops, { from: new Date().toISOString(), limit: UPCOMING_LIMIT }, { principal }),
      this.rpc.send(WORKSHOPS_RPC.attendanceByCluster, {}, { principal }),
      this.rpc.send(PROJECTS_RPC.innovationFigures, {}, { principal }),
    ]);
    const next = upcoming.items.map(({ id, title, theme, clusterId, startsAt, seats }) => ({ id, title, theme, clusterId, startsAt, seats }));
    return { ...figures, clusters, upcomingWorkshops: { total: upcoming.total, next }, workshopAttendance, innovation };
  }

  private async clusterSizes(principal: Principal): Promise<ClusterSize[]> {
    const sizes: ClusterSize[] = [];
    for (let page = 1; ; page++) {
      const { items, total } = await this.rpc.send(CLUSTERS_RPC.listClusters, { page, limit: MAX_PAGE_LIMIT }, { principal });
      sizes.push(...items.map(({ id, name, theme, memberCount }) => ({ id, name, theme, memberCount })));
      if (sizes.length >= total || items.length === 0) return sizes;
    }
  }
}
