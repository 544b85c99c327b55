// A real SMTP server on loopback for the e-mail tests (notifications and e2e):
// it keeps every message, parsed as a mail client reads it, and can be told to
// refuse the next ones.
import { ParsedMail, simpleParser } from 'mailparser';
import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

interface Credentials {
  user: string;
  password: string;
}

export class SmtpReceiver {
  readonly mails: ParsedMail[] = [];
  /** The password each session signed in with, to check it travels only where it should. */
  readonly passwords: string[] = [];
  url = '';
  private refusals = 0;
  private readonly server: SMTPServer;

  private constructor(credentials?: Credentials) {
    this.server = new SMTPServer({
      authOptional: !credentials,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onAuth: (auth, _session, callback) => {
        this.passwords.push(auth.password ?? '');
        const ok = auth.username === credentials?.user && auth.password === credentials?.password;
        callback(ok ? null : new Error('Invalid credentials'), ok ? { user: auth.username } : undefined);
      },
      onData: (stream, _session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          if (this.refusals > 0) {
            this.refusals--;
            return callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
          }
          simpleParser(Buffer.concat(chunks)).then((mail) => this.mails.push(mail)).then(() => callback(), callback);
        });
      },
    });
  }

  /** `credentials` make the server require them. */
  static async start(credentials?: Credentials): Promise<SmtpReceiver> {
    const receiver = new SmtpReceiver(credentials);
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    const { port } = receiver.server.server.address() as AddressInfo;
    const auth = credentials ? `${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}@` : '';
    receiver.url = `smtp://${auth}127.0.0.1:${port}`;
    return receiver;
  }

  /** The next `count` messages are answered 451 (try again later). */
  refuseNext(count: number): void {
    this.refusals = count;
  }

  to(address: string): ParsedMail[] {
    return this.mails.filter((m) => (Array.isArray(m.to) ? m.to : [m.to]).some((t) => t?.value.some((v) => v.address === address)));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
