import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CommentBody, IDEAS_RPC, IdeaQuery, IdeaView, MEMBERS_RPC, Page, PartnerForNeeds, PostIdeaBody, Principal, ProjectView, Theme,
} from '@grappes/contracts';
import { RpcClient } from '@grappes/messaging';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { ApiBehindServices, ApiErrors, ApiSignedIn } from '../http/api-error';

const UNKNOWN = [404, 'Unknown cluster, or no such idea in it'] as const;
const NOT_OPEN = [422, 'The idea is closed or launched already'] as const;

/** The innovation space of a cluster: its member companies' people post, comment and express interest. */
@ApiTags('ideas')
@ApiSignedIn()
@ApiBehindServices()
@Controller('clusters/:id/ideas')
export class IdeasController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @ApiOperation({ summary: "Post an idea (people of the cluster's member companies)" })
  @ApiCreatedResponse({ description: 'Posted: the idea, `open`, with its `id`' })
  @ApiErrors(400, 403, [404, 'Unknown cluster'])
  post(@Param('id') clusterId: string, @Body() body: PostIdeaBody, @CurrentPrincipal() principal: Principal): Promise<IdeaView> {
    return this.rpc.send(IDEAS_RPC.postIdea, { ...body, clusterId }, { principal });
  }

  @Get()
  @ApiOperation({ summary: 'Ideas, most recent activity first; `?kind=&status=`' })
  @ApiOkResponse({ description: 'A page of ideas with their interests and comments: `{items, total, page, limit}`' })
  @ApiErrors(400, 403, [404, 'Unknown cluster'])
  list(@Param('id') clusterId: string, @Query() query: IdeaQuery, @CurrentPrincipal() principal: Principal): Promise<Page<IdeaView>> {
    return this.rpc.send(IDEAS_RPC.listIdeas, { ...query, clusterId }, { principal });
  }

  @Get(':ideaId/suggestions')
  @ApiOperation({
    summary: "Matchmaking: member companies of the federation whose capabilities fit what the idea needs (people of the cluster's member companies, federation staff)",
  })
  @ApiOkResponse({ description: '`{ideaId, neededCapabilities, partners}`: at most 10, best first, each with what it `covers`, `inCluster` and its `reason` in French; the companies already on the idea are left out' })
  @ApiErrors(400, 403, [...UNKNOWN])
  async suggestions(
    @Param('id') clusterId: string, @Param('ideaId') ideaId: string, @CurrentPrincipal() principal: Principal,
  ): Promise<{ ideaId: string; neededCapabilities: Theme[]; partners: PartnerForNeeds[] }> {
    // The clusters service decides who may see the idea and who is in its cluster; members knows the companies.
    const needs = await this.rpc.send(IDEAS_RPC.ideaNeeds, { clusterId, ideaId }, { principal });
    const partners = needs.neededCapabilities.length
      ? await this.rpc.send(MEMBERS_RPC.partnersForNeeds, {
        neededCapabilities: needs.neededCapabilities, clusterCompanyIds: needs.memberCompanyIds, exceptCompanyIds: needs.onIdeaCompanyIds,
      }, { principal })
      : [];
    return { ideaId, neededCapabilities: needs.neededCapabilities, partners };
  }

  @Post(':ideaId/comments')
  @ApiOperation({ summary: 'Comment on an open idea' })
  @ApiCreatedResponse({ description: 'The idea with the comment added' })
  @ApiErrors(400, 403, [...UNKNOWN], 409, [...NOT_OPEN])
  comment(
    @Param('id') clusterId: string, @Param('ideaId') ideaId: string, @Body() body: CommentBody, @CurrentPrincipal() principal: Principal,
  ): Promise<IdeaView> {
    return this.rpc.send(IDEAS_RPC.commentIdea, { ...body, clusterId, ideaId }, { principal });
  }

  @Post(':ideaId/interest')
  @ApiOperation({ summary: "Express the caller's company's interest (one per company)" })
  @ApiCreatedResponse({ description: 'The idea with the interest added' })
  @ApiErrors(400, 403, [...UNKNOWN], [409, 'The company has expressed its interest already'], [...NOT_OPEN])
  expressInterest(@Param('id') clusterId: string, @Param('ideaId') ideaId: string, @CurrentPrincipal() principal: Principal): Promise<IdeaView> {
    return this.rpc.send(IDEAS_RPC.expressInterest, { clusterId, ideaId }, { principal });
  }

  @Delete(':ideaId/interest')
  @HttpCode(204)
  @ApiOperation({ summary: "Withdraw the caller's company's interest" })
  @ApiNoContentResponse({ description: 'Withdrawn' })
  @ApiErrors(400, 403, [404, 'Unknown cluster or idea, or the company has expressed no interest'], 409, [...NOT_OPEN])
  async withdrawInterest(@Param('id') clusterId: string, @Param('ideaId') ideaId: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    await this.rpc.send(IDEAS_RPC.withdrawInterest, { clusterId, ideaId }, { principal });
  }

  @Post(':ideaId/close')
  @HttpCode(200)
  @ApiOperation({ summary: "Close an idea (federation staff, the cluster's coordinator)" })
  @ApiOkResponse({ description: 'The idea, `closed`' })
  @ApiErrors(400, 403, [...UNKNOWN], 409, [...NOT_OPEN])
  close(@Param('id') clusterId: string, @Param('ideaId') ideaId: string, @CurrentPrincipal() principal: Principal): Promise<IdeaView> {
    return this.rpc.send(IDEAS_RPC.closeIdea, { clusterId, ideaId }, { principal });
  }

  @Post(':ideaId/launch')
  @ApiOperation({ summary: "Launch an idea as a project with the interested companies as partners (federation staff, the coordinator)" })
  @ApiCreatedResponse({ description: 'The project launched, `proposed`; the idea is now `launched`' })
  @ApiErrors(400, 403, [...UNKNOWN], 409, [...NOT_OPEN])
  launch(@Param('id') clusterId: string, @Param('ideaId') ideaId: string, @CurrentPrincipal() principal: Principal): Promise<ProjectView> {
    return this.rpc.send(IDEAS_RPC.launchIdea, { clusterId, ideaId }, { principal });
  }
}
