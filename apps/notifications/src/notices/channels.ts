import { Injectable } from '@nestjs/common';
import { DEFAULT_LOCALE } from '@grappes/contracts';
import { EmailsService, Letter } from '../email/emails.service';
import { InboxService } from '../inbox/inbox.service';
import { render } from '../messages/messages';
import { KnownPerson } from '../people/known-person.schema';
import { Notice } from './notice.schema';

/** Tells one person of a notice on every channel they have: the inbox with an account, e-mail always. */
@Injectable()
export class Channels {
  constructor(
    private readonly inbox: InboxService,
    private readonly emails: EmailsService,
  ) {}

  async toPerson(notice: Notice, person: KnownPerson): Promise<void> {
    const locale = person.locale ?? DEFAULT_LOCALE;
    const letter = letterOf(notice);
    await this.inbox.put(person._id, { ...letter, ...render(notice.type, notice.kind, notice.event.data, locale) });
    await this.emails.enqueue(letter, { address: person.email, personId: person._id, locale });
  }

  /** Someone known only by e-mail (an attendee without an account): e-mail is their one channel. */
  async toAddress(notice: Notice, address: string): Promise<void> {
    await this.emails.enqueue(letterOf(notice), { address, locale: DEFAULT_LOCALE });
  }
}

function letterOf(notice: Notice): Letter {
  return { eventId: notice.eventId, type: notice.type, kind: notice.kind, data: notice.event.data as Record<string, unknown> };
}
