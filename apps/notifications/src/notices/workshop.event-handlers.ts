import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { EventEnvelope, RegistrationCancelled, RegistrationFact, WORKSHOPS_EVENTS, WorkshopCancelled, WorkshopSnapshot } from '@grappes/contracts';
import { OnEvent } from '@grappes/messaging';
import { KnownWorkshopsService } from '../workshops/known-workshops.service';
import { NoticesService } from './notices.service';

/**
 * Workshops and registrations: each fact is recorded before anyone is told,
 * and a registration recorded late still hears of the changes it missed.
 */
@Controller()
export class WorkshopEventHandlers {
  constructor(
    private readonly workshops: KnownWorkshopsService,
    private readonly notices: NoticesService,
  ) {}

  @OnEvent(WORKSHOPS_EVENTS.workshopScheduled)
  async scheduled(@Payload() event: EventEnvelope<WorkshopSnapshot>): Promise<void> {
    await this.workshops.recordWorkshop(event.data, new Date(event.time));
    await this.notices.announce(event);
  }

  @OnEvent(WORKSHOPS_EVENTS.workshopRescheduled)
  async rescheduled(@Payload() event: EventEnvelope<WorkshopSnapshot>): Promise<void> {
    await this.workshops.recordWorkshop(event.data, new Date(event.time));
    await this.notices.announce(event);
  }

  @OnEvent(WORKSHOPS_EVENTS.workshopCancelled)
  async cancelled(@Payload() event: EventEnvelope<WorkshopCancelled>): Promise<void> {
    await this.workshops.recordWorkshopCancelled(event.data, new Date(event.time));
    await this.notices.announce(event);
  }

  @OnEvent(WORKSHOPS_EVENTS.registrationConfirmed)
  confirmed(@Payload() event: EventEnvelope<RegistrationFact>): Promise<void> {
    return this.registered(event, true);
  }

  @OnEvent(WORKSHOPS_EVENTS.registrationWaitlisted)
  waitlisted(@Payload() event: EventEnvelope<RegistrationFact>): Promise<void> {
    return this.registered(event, true);
  }

  @OnEvent(WORKSHOPS_EVENTS.waitlistPromoted)
  promoted(@Payload() event: EventEnvelope<RegistrationFact>): Promise<void> {
    return this.registered(event, false);
  }

  @OnEvent(WORKSHOPS_EVENTS.registrationCancelled)
  async registrationCancelled(@Payload() event: EventEnvelope<RegistrationCancelled>): Promise<void> {
    await this.workshops.recordCancellation(event.data, new Date(event.time));
    await this.notices.announce(event);
  }

  private async registered(event: EventEnvelope<RegistrationFact>, begins: boolean): Promise<void> {
    const registration = await this.workshops.recordRegistration(event.data, new Date(event.time), begins);
    await this.notices.announce(event);
    await this.notices.registrantArrived(registration);
  }
}
