import { ServiceConfig } from '@grappes/platform';
import { Type } from 'class-transformer';
import { IsEmail, IsInt, IsString, Matches, Max, Min, ValidateIf } from 'class-validator';

const inProduction = (c: NotificationsConfig) => c.NODE_ENV === 'production';

export class NotificationsConfig extends ServiceConfig {
  @Type(() => Number) @IsInt() @Min(1) @Max(65535)
  override PORT = 3004;

  /**
   * The SMTP relay (`smtp://user:password@host:587`, `smtps://…:465`); without
   * it there is no e-mail channel (said at boot, as a warning in production).
   * Never logged: it may carry the relay's password.
   */
  @ValidateIf((c: NotificationsConfig) => c.SMTP_URL !== undefined)
  @Matches(/^smtps?:\/\/\S+$/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  /** The sender of every e-mail. */
  @IsString()
  MAIL_FROM = 'Grappes <notifications@grappes.example>';

  /** Attempts at an e-mail or a webhook delivery before it is kept as failed. */
  @Type(() => Number) @IsInt() @Min(1) @Max(20)
  DELIVERY_MAX_ATTEMPTS = 6;

  /** The wait before the first retry; each next one doubles it, with jitter (30 s, 1 min, 2 min, …). */
  @Type(() => Number) @IsInt() @Min(10)
  DELIVERY_RETRY_BASE_MS = 30_000;

  /** How often each instance looks for deliveries that are due (besides being woken by new ones). */
  @Type(() => Number) @IsInt() @Min(10)
  DELIVERY_POLL_MS = 1_000;

  /** How often each instance checks whether the day's digest (08:00, Paris) is due. */
  @Type(() => Number) @IsInt() @Min(10)
  DIGEST_CHECK_MS = 60_000;

  /** The ORGANIZER of the calendar entries attached to workshop e-mails: the workshops service's own. */
  @IsEmail()
  CALENDAR_ORGANIZER_EMAIL = 'ateliers@grappes.example';

  /** Whether webhooks may target plain http and private or loopback addresses: only outside production. */
  get allowsPrivateWebhooks(): boolean {
    return !inProduction(this);
  }
}
