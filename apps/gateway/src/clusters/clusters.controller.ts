import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CLUSTERS_RPC, ClusterDetail, ClusterQuery, ClusterView, CreateCluster, JoinClusterBody, JoinOutcome, Page, Principal,
} from '@grappes/contracts';
import { RpcClient } from '@grappes/messaging';
import type { Response } from 'express';
import { CurrentPrincipal } from '../auth/principal.decorator';

@ApiTags('clusters')
@ApiBearerAuth()
@Controller('clusters')
export class ClustersController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @ApiOperation({ summary: 'Open a cluster (federation staff)' })
  create(@Body() body: CreateCluster, @CurrentPrincipal() principal: Principal): Promise<ClusterView> {
    return this.rpc.send(CLUSTERS_RPC.createCluster, body, { principal });
  }

  @Get()
  @ApiOperation({ summary: 'Clusters with their member count' })
  list(@Query() query: ClusterQuery, @CurrentPrincipal() principal: Principal): Promise<Page<ClusterView>> {
    return this.rpc.send(CLUSTERS_RPC.listClusters, query, { principal });
  }

  @Get(':id')
  @ApiOperation({ summary: 'A cluster with its members (and pending requests for its coordinator)' })
  get(@Param('id') clusterId: string, @CurrentPrincipal() principal: Principal): Promise<ClusterDetail> {
    return this.rpc.send(CLUSTERS_RPC.getCluster, { clusterId }, { principal });
  }

  @Post(':id/members')
  @ApiOperation({ summary: 'Join: 201 joined when open, 202 pending when by approval' })
  async join(
    @Param('id') clusterId: string,
    @Body() { companyId }: JoinClusterBody,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<JoinOutcome> {
    const outcome = await this.rpc.send(CLUSTERS_RPC.joinCluster, { clusterId, companyId }, { principal });
    res.status(outcome.status === 'joined' ? 201 : 202);
    return outcome;
  }

  @Post(':id/members/:companyId/approve')
  @HttpCode(200)
  @ApiOperation({ summary: "Approve a request to join (federation staff, the cluster's coordinator)" })
  approve(@Param('id') clusterId: string, @Param('companyId') companyId: string, @CurrentPrincipal() principal: Principal): Promise<JoinOutcome> {
    return this.rpc.send(CLUSTERS_RPC.decideJoinRequest, { clusterId, companyId, decision: 'approve' }, { principal });
  }

  @Post(':id/members/:companyId/reject')
  @HttpCode(200)
  @ApiOperation({ summary: "Reject a request to join (federation staff, the cluster's coordinator)" })
  reject(@Param('id') clusterId: string, @Param('companyId') companyId: string, @CurrentPrincipal() principal: Principal): Promise<JoinOutcome> {
    return this.rpc.send(CLUSTERS_RPC.decideJoinRequest, { clusterId, companyId, decision: 'reject' }, { principal });
  }

  @Delete(':id/members/:companyId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Leave the cluster (federation staff, the coordinator, the company itself); the coordinator cannot leave' })
  async leave(@Param('id') clusterId: string, @Param('companyId') companyId: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    await this.rpc.send(CLUSTERS_RPC.leaveCluster, { clusterId, companyId }, { principal });
  }
}
