import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CommentIdea, IDEAS_RPC, IdeaNeeds, IdeaRef, IdeaView, ListIdeas, Page, PostIdea, ProjectView } from '@grappes/contracts';
import { Caller, RequestContext, RpcHandler, requirePrincipal } from '@grappes/messaging';
import { IdeasService } from './ideas.service';

@Controller()
export class IdeasRpcHandlers {
  constructor(private readonly ideas: IdeasService) {}

  @RpcHandler(IDEAS_RPC.postIdea)
  post(@Payload() input: PostIdea, @Caller() caller: RequestContext): Promise<IdeaView> {
    return this.ideas.post(input, requirePrincipal(caller));
  }

  @RpcHandler(IDEAS_RPC.listIdeas)
  list(@Payload() query: ListIdeas, @Caller() caller: RequestContext): Promise<Page<IdeaView>> {
    return this.ideas.list(query, requirePrincipal(caller));
  }

  @RpcHandler(IDEAS_RPC.commentIdea)
  comment(@Payload() input: CommentIdea, @Caller() caller: RequestContext): Promise<IdeaView> {
    return this.ideas.comment(input, requirePrincipal(caller));
  }

  @RpcHandler(IDEAS_RPC.expressInterest)
  expressInterest(@Payload() ref: IdeaRef, @Caller() caller: RequestContext): Promise<IdeaView> {
    return this.ideas.expressInterest(ref, requirePrincipal(caller));
  }

  @RpcHandler(IDEAS_RPC.withdrawInterest)
  withdrawInterest(@Payload() ref: IdeaRef, @Caller() caller: RequestContext): Promise<void> {
    return this.ideas.withdrawInterest(ref, requirePrincipal(caller));
  }

  @RpcHandler(IDEAS_RPC.closeIdea)
  close(@Payload() ref: IdeaRef, @Caller() caller: RequestContext): Promise<IdeaView> {
    return this.ideas.close(ref, requirePrincipal(caller));
  }

  @RpcHandler(IDEAS_RPC.ideaNeeds)
  needs(@Payload() ref: IdeaRef, @Caller() caller: RequestContext): Promise<IdeaNeeds> {
    return this.ideas.needs(ref, requirePrincipal(caller));
  }

  @RpcHandler(IDEAS_RPC.launchIdea)
  launch(@Payload() ref: IdeaRef, @Caller() caller: RequestContext): Promise<ProjectView> {
    return this.ideas.launch(ref, requirePrincipal(caller));
  }
}
