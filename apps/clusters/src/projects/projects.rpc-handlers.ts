import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { LaunchProject, PROJECTS_RPC, Page, ProjectQuery, ProjectView, UpdateProject } from '@grappes/contracts';
import { Caller, RequestContext, RpcHandler, requirePrincipal } from '@grappes/messaging';
import { ProjectsService } from './projects.service';

@Controller()
export class ProjectsRpcHandlers {
  constructor(private readonly projects: ProjectsService) {}

  @RpcHandler(PROJECTS_RPC.launchProject)
  launch(@Payload() input: LaunchProject, @Caller() caller: RequestContext): Promise<ProjectView> {
    return this.projects.launch(input, requirePrincipal(caller));
  }

  @RpcHandler(PROJECTS_RPC.listProjects)
  list(@Payload() query: ProjectQuery, @Caller() caller: RequestContext): Promise<Page<ProjectView>> {
    return this.projects.list(query, requirePrincipal(caller));
  }

  @RpcHandler(PROJECTS_RPC.updateProject)
  update(@Payload() input: UpdateProject, @Caller() caller: RequestContext): Promise<ProjectView> {
    return this.projects.update(input, requirePrincipal(caller));
  }
}
