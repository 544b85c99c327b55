/** An answer of the gateway that is not a success, as its error contract gives it (api.md). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly retryAfterSeconds?: number,
    readonly correlationId?: string,
  ) {
    super(message);
  }
}

/** The body of an error answer, or a code of our own when the network or a proxy answered instead. */
export async function errorOf(response: Response): Promise<ApiError> {
  const retryAfter = Number(response.headers.get('retry-after')) || undefined;
  try {
    const body = await response.json();
    return new ApiError(response.status, String(body.code ?? `HTTP.${response.status}`), String(body.message ?? ''), body.details, retryAfter, body.correlationId ?? response.headers.get('x-correlation-id') ?? undefined);
  } catch {
    return new ApiError(response.status, `HTTP.${response.status}`, response.statusText, undefined, retryAfter, response.headers.get('x-correlation-id') ?? undefined);
  }
}

export const NETWORK_DOWN = 'NETWORK.UNREACHABLE';
