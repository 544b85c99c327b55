// A real HTTP server on loopback standing for another system's webhook
// endpoint: it keeps every request as received, and answers what it is told.
import { IncomingHttpHeaders, Server, createServer } from 'node:http';
import { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  /** The path (and query) it was sent to. */
  path: string;
  headers: IncomingHttpHeaders;
  /** The body exactly as it came: what a signature is computed over. */
  rawBody: string;
}

export class WebhookReceiver {
  readonly received: ReceivedRequest[] = [];
  url = '';
  private answers: number[] = [];
  private readonly server: Server;

  private constructor() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        this.received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, rawBody: Buffer.concat(chunks).toString('utf8') });
        res.statusCode = this.answers.shift() ?? 204;
        res.end();
      });
    });
  }

  static async start(path = '/hooks/grappes'): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver();
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    receiver.url = `http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}${path}`;
    return receiver;
  }

  /** The statuses of the next answers, in order; 204 after them. */
  answerNext(...statuses: number[]): void {
    this.answers = statuses;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }
}
