import { OnApplicationShutdown } from '@nestjs/common';
import { Transporter, createTransport } from 'nodemailer';

/** An e-mail as the SMTP relay receives it. */
export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Stable per e-mail: a mail client shows a message sent twice (after a crash) once. */
  messageId: string;
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string };
}

/**
 * The SMTP relay of SMTP_URL; without one there is no e-mail channel
 * (`enabled` is false). Errors are reported without the URL, which may carry
 * the relay's password; nodemailer's own logging stays off.
 */
export class Mailer implements OnApplicationShutdown {
  private readonly transport?: Transporter;

  constructor(smtpUrl: string | undefined, private readonly from: string) {
    if (smtpUrl) {
      this.transport = createTransport({ url: smtpUrl, logger: false, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 } as never);
    }
  }

  get enabled(): boolean {
    return this.transport !== undefined;
  }

  async send(mail: Mail): Promise<void> {
    if (!this.transport) throw new Error('No SMTP relay is configured');
    try {
      await this.transport.sendMail({
        from: this.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, messageId: mail.messageId,
        ...(mail.calendar
          ? { attachments: [{ filename: 'atelier.ics', content: mail.calendar.content, contentType: `text/calendar; charset=utf-8; method=${mail.calendar.method}` }] }
          : {}),
      });
    } catch (error) {
      // The relay's own answer says why; the error's other fields may quote the connection URL.
      const { code, response } = error as { code?: string; response?: string };
      throw new Error(`SMTP: ${[code, response?.slice(0, 200)].filter(Boolean).join(' ') || 'no answer'}`);
    }
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
