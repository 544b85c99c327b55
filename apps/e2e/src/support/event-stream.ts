/** A Server-Sent Events client for the tests, reading the stream as EventSource would. */
export interface StreamEvent {
  id?: string;
  event: string;
  data: string;
}

export class EventStream {
  readonly events: StreamEvent[] = [];
  /** Comment lines received (the heartbeats). */
  comments = 0;
  /** The error body of a refused stream. */
  error?: { code: string };
  /** Whether the server ended the stream. */
  ended = false;

  private constructor(
    readonly status: number,
    readonly contentType: string | null,
    private readonly abort: AbortController,
  ) {}

  /** Opens the stream; a refusal is answered with its status and error body instead. */
  static async open(url: string, headers: Record<string, string> = {}): Promise<EventStream> {
    const abort = new AbortController();
    const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
    const stream = new EventStream(response.status, response.headers.get('content-type'), abort);
    if (response.status !== 200) stream.error = (await response.json()) as { code: string };
    else void stream.read(response.body!);
    return stream;
  }

  /** The `data` of the `notification` events received, parsed. */
  notifications<T = { id: string; title: string; type: string }>(): T[] {
    return this.events.filter((e) => e.event === 'notification').map((e) => JSON.parse(e.data));
  }

  close(): void {
    this.abort.abort();
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          this.take(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
      this.ended = true;
    } catch {
      // Closed by the test.
    }
  }

  private take(block: string): void {
    const event: StreamEvent = { event: 'message', data: '' };
    let hasData = false;
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) this.comments++;
      const [field, ...rest] = line.split(':');
      const value = rest.join(':').replace(/^ /, '');
      if (field === 'id') event.id = value;
      if (field === 'event') event.event = value;
      if (field === 'data') [event.data, hasData] = [hasData ? `${event.data}\n${value}` : value, true];
    }
    if (hasData) this.events.push(event);
  }
}
