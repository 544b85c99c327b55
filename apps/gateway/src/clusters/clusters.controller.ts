import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CLUSTERS_RPC, ClusterDetail, ClusterQuery, ClusterView, CreateCluster, JoinClusterBody, JoinOutcome, Page, Principal,
} from '@grappes/contracts';
import { RpcClient } from '@grappes/messaging';
import type { Response } from 'express';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { ApiBehindServices, ApiErrors, ApiSignedIn } from '../http/api-error';

@ApiTags('clusters')
@ApiSignedIn()
@ApiBehindServices()
@Controller('clusters')
export class ClustersController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @ApiOperation({ summary: 'Open a cluster (federation staff)' })
  @ApiCreatedResponse({ description: 'Opened: the cluster with its `id` (its coordinator, if named, is its first member)' })
  @ApiErrors(
    400, 403, [404, 'Unknown coordinator company'], [409, 'A cluster has this name already'], [422, 'The coordinator company is not an active member'],
  )
  create(@Body() body: CreateCluster, @CurrentPrincipal() principal: Principal): Promise<ClusterView> {
    return this.rpc.send(CLUSTERS_RPC.createCluster, body, { principal });
  }

  @Get()
  @ApiOperation({ summary: 'Clusters with their member count' })
  @ApiOkResponse({ description: 'A page of clusters, each with `memberCount`: `{items, total, page, limit}`' })
  @ApiErrors(400)
  list(@Query() query: ClusterQuery, @CurrentPrincipal() principal: Principal): Promise<Page<ClusterView>> {
    return this.rpc.send(CLUSTERS_RPC.listClusters, query, { principal });
  }

  @Get(':id')
  @ApiOperation({ summary: 'A cluster with its members (and pending requests for its coordinator)' })
  @ApiOkResponse({ description: 'The cluster with `members` (and `pendingRequests` for federation staff and its coordinator)' })
  @ApiErrors(400, [404, 'Unknown cluster'])
  get(@Param('id') clusterId: string, @CurrentPrincipal() principal: Principal): Promise<ClusterDetail> {
    return this.rpc.send(CLUSTERS_RPC.getCluster, { clusterId }, { principal });
  }

  @Post(':id/members')
  @ApiOperation({ summary: 'Join: 201 joined when open, 202 pending when by approval' })
  @ApiCreatedResponse({ description: '`{status: "joined"}`: the cluster is open, the company is a member' })
  @ApiAcceptedResponse({ description: '`{status: "pending"}`: the cluster admits by approval, the request awaits its coordinator' })
  @ApiErrors(
    400, 403, [404, 'Unknown cluster or company'],
    [409, 'The company is a member already, or has asked to join already'], [422, 'The company is not an active member of the federation'],
  )
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
  @ApiOkResponse({ description: '`{status: "joined"}`' })
  @ApiErrors(400, 403, [404, 'Unknown cluster, or no request of this company waiting'], 409)
  approve(@Param('id') clusterId: string, @Param('companyId') companyId: string, @CurrentPrincipal() principal: Principal): Promise<JoinOutcome> {
    return this.rpc.send(CLUSTERS_RPC.decideJoinRequest, { clusterId, companyId, decision: 'approve' }, { principal });
  }

  @Post(':id/members/:companyId/reject')
  @HttpCode(200)
  @ApiOperation({ summary: "Reject a request to join (federation staff, the cluster's coordinator)" })
  @ApiOkResponse({ description: '`{status: "rejected"}`: the company may ask again later' })
  @ApiErrors(400, 403, [404, 'Unknown cluster, or no request of this company waiting'], 409)
  reject(@Param('id') clusterId: string, @Param('companyId') companyId: string, @CurrentPrincipal() principal: Principal): Promise<JoinOutcome> {
    return this.rpc.send(CLUSTERS_RPC.decideJoinRequest, { clusterId, companyId, decision: 'reject' }, { principal });
  }

  @Delete(':id/members/:companyId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Leave the cluster (federation staff, the coordinator, the company itself); the coordinator cannot leave' })
  @ApiNoContentResponse({ description: 'The company has left the cluster' })
  @ApiErrors(400, 403, [404, 'Unknown cluster, or the company is not a member'], 409, [422, 'The coordinating company cannot leave its cluster'])
  async leave(@Param('id') clusterId: string, @Param('companyId') companyId: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    await this.rpc.send(CLUSTERS_RPC.leaveCluster, { clusterId, companyId }, { principal });
  }
}
