import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Locale } from '@grappes/contracts';
import { isDuplicateKey } from '@grappes/messaging';
import { Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { PreferencesService } from '../preferences/preferences.service';
import { EmailWorker } from './email.worker';
import { Mailer } from './mailer';
import { OutgoingEmailDocument, OutgoingEmail } from './outgoing-email.schema';

/** What concerns one's own registration: e-mailed at once, whatever one's preferences. */
const OWN_KINDS = new Set(['attendee', 'registrant']);

/** One message of an event, as the e-mail tells it. */
export interface Letter {
  eventId: string;
  type: string;
  kind: string;
  data: Record<string, unknown>;
}

export interface Addressee {
  address: string;
  personId?: string;
  locale: Locale;
}

@Injectable()
export class EmailsService {
  constructor(
    @InjectModel(OutgoingEmail.name) private readonly emails: Model<OutgoingEmailDocument>,
    private readonly preferences: PreferencesService,
    private readonly mailer: Mailer,
    private readonly worker: EmailWorker,
  ) {}

  /**
   * Queues the e-mail of a message to an address, once (unique event, address,
   * kind): to be sent now, or held for the daily digest, or not at all, as the
   * person chose. Nothing without an SMTP relay.
   */
  async enqueue(letter: Letter, to: Addressee): Promise<void> {
    if (!this.mailer.enabled) return;
    const choice = OWN_KINDS.has(letter.kind) ? 'immediate' : await this.preferences.emailChoice(to.personId, letter.type);
    if (choice === 'off') return;
    const now = new Date();
    try {
      await this.emails.create({
        _id: randomUUID(), ...letter, ...to, status: choice === 'daily' ? 'held' : 'pending', attempts: 0, nextAttemptAt: now, createdAt: now,
      });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      return;
    }
    if (choice === 'immediate') this.worker.wake();
  }
}
