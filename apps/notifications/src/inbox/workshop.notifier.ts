import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { EventEnvelope, WORKSHOPS_EVENTS, WorkshopSnapshot } from '@grappes/contracts';
import { OnEvent } from '@grappes/messaging';
import { RecipientsService } from '../recipients/recipients.service';
import { InboxService } from './inbox.service';

const PARIS = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'full', timeStyle: 'short' });

/** A cluster's members hear of its new workshops; a workshop open to all reaches every member company's people. */
@Controller()
export class WorkshopNotifier {
  constructor(
    private readonly recipients: RecipientsService,
    private readonly inbox: InboxService,
  ) {}

  @OnEvent(WORKSHOPS_EVENTS.workshopScheduled)
  async scheduled(@Payload() event: EventEnvelope<WorkshopSnapshot>): Promise<void> {
    const { title, clusterId, clusterName, startsAt, location } = event.data;
    const audience = clusterId ? await this.recipients.peopleOfCluster(clusterId) : await this.recipients.everyCompanyPerson();
    await this.inbox.deliver(event, audience.map((r) => r._id), {
      title: `Nouvel atelier : ${title}`,
      body: `${clusterName ? `Grappe ${clusterName} — ` : ''}le ${PARIS.format(new Date(startsAt))}, ${location}.`,
    });
  }
}
