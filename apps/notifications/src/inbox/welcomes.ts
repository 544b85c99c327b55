import { Injectable } from '@nestjs/common';
import { CompanyJoinedCluster, EventEnvelope, PersonSnapshot } from '@grappes/contracts';
import { RecipientsService } from '../recipients/recipients.service';
import { InboxService, Message } from './inbox.service';

function welcomeOf({ clusterName, companyName }: CompanyJoinedCluster): Message {
  return {
    kind: 'welcome',
    title: `Bienvenue dans la grappe ${clusterName}`,
    body: `${companyName} est désormais membre de la grappe ${clusterName}.`,
  };
}

/**
 * The people of a company that joins a cluster are welcomed to it: those added
 * by the time it joined, whether their `person-added` (members stream) arrives
 * before or after the `company-joined-cluster` (clusters stream). Each side
 * records its fact first, then looks for the other; the inbox's unique key
 * makes a welcome found by both sides one.
 */
@Injectable()
export class Welcomes {
  constructor(
    private readonly recipients: RecipientsService,
    private readonly inbox: InboxService,
  ) {}

  async companyJoined(event: EventEnvelope<CompanyJoinedCluster>): Promise<void> {
    const people = await this.recipients.peopleAddedBy(event.data.companyId, new Date(event.data.joinedAt));
    await this.inbox.deliver(event, people.map((r) => r._id), welcomeOf(event.data));
  }

  async personAdded(person: PersonSnapshot, addedAt: Date): Promise<void> {
    if (!person.companyId || !(await this.recipients.activePerson(person.personId))) return;
    for (const join of await this.recipients.joinsSince(person.companyId, addedAt)) {
      await this.inbox.deliver(join, [person.personId], welcomeOf(join.data));
    }
  }
}
