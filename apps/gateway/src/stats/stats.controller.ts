import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CLUSTERS_RPC, ClusterView, MAX_PAGE_LIMIT, MEMBERS_RPC, Principal, SectorFigures } from '@grappes/contracts';
import { RpcClient } from '@grappes/messaging';
import { CurrentPrincipal } from '../auth/principal.decorator';

type ClusterSize = Pick<ClusterView, 'id' | 'name' | 'theme' | 'memberCount'>;

@ApiTags('stats')
@ApiBearerAuth()
@Controller('stats')
export class StatsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @ApiOperation({ summary: 'Sector figures: companies, headcount and revenue (federation staff) by category and region; cluster sizes' })
  async stats(@CurrentPrincipal() principal: Principal): Promise<SectorFigures & { clusters: ClusterSize[] }> {
    const [figures, clusters] = await Promise.all([this.rpc.send(MEMBERS_RPC.sectorFigures, {}, { principal }), this.clusterSizes(principal)]);
    return { ...figures, clusters };
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
