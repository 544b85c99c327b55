import { Logger, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { NotificationsConfig } from '../notifications.config';
import { PreferencesModule } from '../preferences/preferences.module';
import { KnownWorkshopsModule } from '../workshops/known-workshops.module';
import { DigestsService } from './digests.service';
import { EmailWorker } from './email.worker';
import { EmailsService } from './emails.service';
import { Mailer } from './mailer';
import { OutgoingEmail, OutgoingEmailSchema } from './outgoing-email.schema';

function mailerOf(config: NotificationsConfig): Mailer {
  if (!config.SMTP_URL) {
    const logger = new Logger('EmailModule');
    const say = config.isProduction ? logger.warn.bind(logger) : logger.log.bind(logger);
    say('SMTP_URL is not set: no e-mail is sent (the inbox, the live stream and webhooks work)');
  }
  return new Mailer(config.SMTP_URL, config.MAIL_FROM);
}

/** E-mail over SMTP: each notification at once or in the daily digest, retried, then kept as failed. */
@Module({
  imports: [MongooseModule.forFeature([{ name: OutgoingEmail.name, schema: OutgoingEmailSchema }]), PreferencesModule, KnownWorkshopsModule],
  providers: [
    { provide: Mailer, inject: [NotificationsConfig], useFactory: mailerOf },
    EmailWorker,
    EmailsService,
    DigestsService,
  ],
  exports: [EmailsService],
})
export class EmailModule {}
