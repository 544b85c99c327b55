/** A small HTTP client for the gateway, as a web client would use it. */
export interface Reply<T = any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  status: number;
  body: T;
  headers: Headers;
}

/** A value known now, or only once the platform has started (a file's clients are made before). */
type Later<T> = T | (() => T);
const now = <T>(value: Later<T>): T => (typeof value === 'function' ? (value as () => T)() : value);

export class ApiClient {
  constructor(
    private readonly baseUrlOf: Later<string>,
    private readonly tokenOf?: Later<string | undefined>,
  ) {}

  /** The access token this client sends, if any. */
  get token(): string | undefined {
    return now(this.tokenOf);
  }

  as(token: string): ApiClient {
    return new ApiClient(this.baseUrlOf, token);
  }

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const { status, text, headers: replyHeaders } = await this.raw(method, path, body, headers);
    return { status, body: text ? JSON.parse(text) : undefined, headers: replyHeaders };
  }

  /**
   * The answer as text, for those that are not JSON (calendars, the OpenAPI
   * page). A live stream never ends: its body is left unread and closed.
   */
  async raw(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; text: string; headers: Headers }> {
    const token = this.token;
    const response = await fetch(`${now(this.baseUrlOf)}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
      await response.body?.cancel();
      return { status: response.status, text: '', headers: response.headers };
    }
    return { status: response.status, text: await response.text(), headers: response.headers };
  }

  get = (path: string, headers?: Record<string, string>) => this.request('GET', path, undefined, headers);
  post = (path: string, body?: unknown, headers?: Record<string, string>) => this.request('POST', path, body, headers);

  async login(email: string, password: string): Promise<ApiClient> {
    const reply = await this.post('/auth/login', { email, password });
    if (reply.status !== 200) throw new Error(`Login failed: ${reply.status} ${JSON.stringify(reply.body)}`);
    return this.as(reply.body.accessToken);
  }
}
