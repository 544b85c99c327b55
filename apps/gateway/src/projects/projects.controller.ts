import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  LaunchProjectBody, PROJECTS_RPC, Page, PageQuery, Principal, ProjectView, UpdateProjectBody,
} from '@grappes/contracts';
import { RpcClient } from '@grappes/messaging';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { ApiBehindServices, ApiErrors, ApiSignedIn } from '../http/api-error';

@ApiTags('projects')
@ApiSignedIn()
@ApiBehindServices()
@Controller('clusters/:id/projects')
export class ProjectsController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @ApiOperation({ summary: "Launch a joint project (federation staff, the cluster's coordinator)" })
  @ApiCreatedResponse({ description: 'Launched: the project, `proposed`, with its `id` and its partners' })
  @ApiErrors(400, 403, [404, 'Unknown cluster'], [422, 'A partner is not a member company of the cluster'])
  launch(@Param('id') clusterId: string, @Body() body: LaunchProjectBody, @CurrentPrincipal() principal: Principal): Promise<ProjectView> {
    return this.rpc.send(PROJECTS_RPC.launchProject, { ...body, clusterId }, { principal });
  }

  @Get()
  @ApiOperation({ summary: "The cluster's projects, newest first (people of its member companies, federation staff)" })
  @ApiOkResponse({ description: 'A page of projects with partners (former ones flagged) and milestones: `{items, total, page, limit}`' })
  @ApiErrors(400, 403, [404, 'Unknown cluster'])
  list(@Param('id') clusterId: string, @Query() query: PageQuery, @CurrentPrincipal() principal: Principal): Promise<Page<ProjectView>> {
    return this.rpc.send(PROJECTS_RPC.listProjects, { ...query, clusterId }, { principal });
  }

  @Patch(':projectId')
  @ApiOperation({ summary: "Update a project: status, milestones, title, description (staff, the coordinator, the partners' company-admins)" })
  @ApiOkResponse({ description: 'The project as it now is' })
  @ApiErrors(
    400, 403, [404, 'Unknown cluster, or no such project in it'], 409,
    [422, 'A status move that is not allowed (`proposed` → `active` → `completed` | `abandoned`)'],
  )
  update(
    @Param('id') clusterId: string,
    @Param('projectId') projectId: string,
    @Body() body: UpdateProjectBody,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ProjectView> {
    return this.rpc.send(PROJECTS_RPC.updateProject, { ...body, clusterId, projectId }, { principal });
  }
}
