import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { InjectConnection } from '@nestjs/mongoose';
import { EventEnvelope, WORKSHOPS_EVENTS, WorkshopSnapshot } from '@grappes/contracts';
import { OnEvent, applyOnce } from '@grappes/messaging';
import { Connection } from 'mongoose';
import { RecipientsService } from '../recipients/recipients.service';
import { InboxService } from './inbox.service';

const PARIS = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'full', timeStyle: 'short' });

/** A cluster's members hear of its new workshops; a workshop open to all reaches every member company's people. */
@Controller()
export class WorkshopNotifier {
  constructor(
    private readonly recipients: RecipientsService,
    private readonly inbox: InboxService,
    @InjectConnection() private readonly connection: Connection,
  ) {}

  @OnEvent(WORKSHOPS_EVENTS.workshopScheduled)
  async scheduled(@Payload() event: EventEnvelope<WorkshopSnapshot>): Promise<void> {
    // The audience is read when the event is handled: once it has been told, a redelivery
    // must not reach the people who joined since, so the event is recorded as processed.
    await applyOnce(this.connection, 'workshop-notifier', event, async () => {
      const { title, clusterId, clusterName, startsAt, location } = event.data;
      const audience = clusterId ? await this.recipients.peopleOfCluster(clusterId) : await this.recipients.everyCompanyPerson();
      await this.inbox.deliver(event, audience.map((r) => r._id), {
        title: `Nouvel atelier : ${title}`,
        body: `${clusterName ? `Grappe ${clusterName} — ` : ''}le ${PARIS.format(new Date(startsAt))}, ${location}.`,
      });
    });
  }
}
