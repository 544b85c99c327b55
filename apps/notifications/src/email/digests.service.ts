import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { inTransaction, isDuplicateKey } from '@grappes/messaging';
import { Connection, Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { NotificationsConfig } from '../notifications.config';
import { EmailWorker } from './email.worker';
import { OutgoingEmail, OutgoingEmailDocument } from './outgoing-email.schema';
import { lastDigestMoment } from './paris-time';

/** The digest goes out at 08:00, Paris time, with what was held until then. */
const DIGEST_HOUR = 8;

/**
 * The daily digest of those who chose one: at 08:00 (Paris), every e-mail held
 * for an address until then is gathered into one, sent as any other e-mail.
 * Every instance checks, and any may gather an address's digest: the digest
 * is claimed by its unique key (`digest:<date>`, address), written in one
 * transaction with its e-mails turning `digested`, so that an address gets one
 * digest a day, with each e-mail in exactly one digest, however many
 * instances run. An instance that was down at 08:00 sends it when it comes
 * back; what arrives after a digest was gathered waits for the next one.
 */
@Injectable()
export class DigestsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DigestsService.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    @InjectModel(OutgoingEmail.name) private readonly emails: Model<OutgoingEmailDocument>,
    @InjectConnection() private readonly connection: Connection,
    private readonly worker: EmailWorker,
    private readonly config: NotificationsConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.check(), this.config.DIGEST_CHECK_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Gathers the digests due at `now` (the last 08:00 in Paris) that no instance has gathered yet. */
  async sendDue(now: Date = new Date()): Promise<void> {
    const { date, at } = lastDigestMoment(now, DIGEST_HOUR);
    const addresses: string[] = await this.emails.distinct('address', { status: 'held', createdAt: { $lt: at } });
    for (const address of addresses) await this.gather(address, date, at);
    if (addresses.length) this.worker.wake();
  }

  private check(): void {
    this.running ??= this.sendDue()
      .catch((error: unknown) => this.logger.error(`Gathering the daily digests failed: ${(error as Error).message}`))
      .finally(() => (this.running = undefined));
  }

  private async gather(address: string, date: string, until: Date): Promise<void> {
    try {
      await inTransaction(this.connection, async (session) => {
        const held = { status: 'held' as const, address, createdAt: { $lt: until } };
        const items = await this.emails.find(held, null, { session }).sort({ createdAt: 1 }).lean<OutgoingEmail[]>();
        if (!items.length) return;
        const last = items[items.length - 1];
        const now = new Date();
        await this.emails.create(
          [{
            _id: randomUUID(), eventId: `digest:${date}`, type: 'digest', kind: 'digest', address, personId: last.personId, locale: last.locale,
            data: { date }, items: items.map((i) => i._id), status: 'pending', attempts: 0, nextAttemptAt: now, createdAt: now,
          }],
          { session },
        );
        await this.emails.updateMany({ _id: { $in: items.map((i) => i._id) } }, { $set: { status: 'digested' } }, { session });
      });
    } catch (error) {
      // Another instance gathered this address's digest of the day first.
      if (!isDuplicateKey(error)) throw error;
    }
  }
}
