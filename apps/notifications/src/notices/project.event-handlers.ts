import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { EventEnvelope, IDEAS_EVENTS, IdeaPosted, InterestExpressed, PROJECTS_EVENTS, ProjectSnapshot } from '@grappes/contracts';
import { OnEvent } from '@grappes/messaging';
import { NoticesService } from './notices.service';

/**
 * The innovation space and joint projects. Each event names whom it concerns
 * (the coordinating company, the author's e-mail, the partner companies), so
 * nothing needs recording first: a person whose own event comes later finds
 * the notice (see notices.service.ts).
 */
@Controller()
export class ProjectEventHandlers {
  constructor(private readonly notices: NoticesService) {}

  @OnEvent(IDEAS_EVENTS.ideaPosted)
  ideaPosted(@Payload() event: EventEnvelope<IdeaPosted>): Promise<void> {
    return this.notices.announce(event);
  }

  @OnEvent(IDEAS_EVENTS.interestExpressed)
  interestExpressed(@Payload() event: EventEnvelope<InterestExpressed>): Promise<void> {
    return this.notices.announce(event);
  }

  @OnEvent(PROJECTS_EVENTS.projectLaunched)
  projectLaunched(@Payload() event: EventEnvelope<ProjectSnapshot>): Promise<void> {
    return this.notices.announce(event);
  }

  @OnEvent(PROJECTS_EVENTS.projectUpdated)
  projectUpdated(@Payload() event: EventEnvelope<ProjectSnapshot>): Promise<void> {
    return this.notices.announce(event);
  }
}
