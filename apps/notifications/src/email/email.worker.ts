import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { DomainError, ERRORS } from '@grappes/contracts';
import { Model } from 'mongoose';
import { DeliveryFacts, DeliveryWorker } from '../deliveries/delivery-worker';
import { NotificationsConfig } from '../notifications.config';
import { KnownWorkshopsService } from '../workshops/known-workshops.service';
import { calendarMethodOf, digestMail, notificationMail } from './email-composer';
import { Mail, Mailer } from './mailer';
import { OutgoingEmail, OutgoingEmailDocument } from './outgoing-email.schema';

/** Sends the e-mails that are due through the SMTP relay (deliveries/delivery-worker.ts says how). */
@Injectable()
export class EmailWorker extends DeliveryWorker<OutgoingEmail> {
  constructor(
    @InjectModel(OutgoingEmail.name) private readonly emails: Model<OutgoingEmailDocument>,
    private readonly mailer: Mailer,
    private readonly workshops: KnownWorkshopsService,
    private readonly config: NotificationsConfig,
  ) {
    super(emails, 'email', {
      maxAttempts: config.DELIVERY_MAX_ATTEMPTS, retryBaseMs: config.DELIVERY_RETRY_BASE_MS, pollMs: config.DELIVERY_POLL_MS, leaseMs: 2 * 60_000,
    });
  }

  protected async attempt(email: OutgoingEmail): Promise<void> {
    await this.mailer.send(await this.compose(email));
  }

  protected factsOf(email: OutgoingEmail): DeliveryFacts {
    return { eventId: email.eventId, type: email.type, recipient: email.address };
  }

  private async compose(email: OutgoingEmail): Promise<Mail> {
    if (email.kind === 'digest') {
      const items = await this.emails.find({ _id: { $in: email.items ?? [] } }).sort({ createdAt: 1 }).lean<OutgoingEmail[]>();
      return digestMail(email, items);
    }
    const workshopId = email.data['workshopId'];
    const workshop = calendarMethodOf(email) && typeof workshopId === 'string' ? await this.workshops.workshop(workshopId) : null;
    // Its event comes before any registration's on the same stream; missing, it is on its way: try again later.
    if (calendarMethodOf(email) && !workshop) throw new DomainError(ERRORS.EVENT_FACT_PENDING, `Workshop ${String(workshopId)} is not known here yet`);
    return notificationMail(email, workshop, this.config.CALENDAR_ORGANIZER_EMAIL);
  }
}
