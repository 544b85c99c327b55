import { ErrorKind } from './error-codes';

/** The shape an error takes on the wire: `{ code, status, message, details }`. */
export interface ErrorBody {
  code: string;
  status: number;
  message: string;
  details?: unknown;
}

/**
 * An expected failure with a string code; it survives a process boundary as an
 * {@link ErrorBody}, where `instanceof` would not.
 */
export class DomainError extends Error implements ErrorBody {
  readonly code: string;
  readonly status: number;

  constructor(
    kind: ErrorKind,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
    this.code = kind.code;
    this.status = kind.status;
  }

  static fromBody(body: ErrorBody): DomainError {
    return new DomainError({ code: body.code, status: body.status } as ErrorKind, body.message, body.details);
  }

  toBody(): ErrorBody {
    const body: ErrorBody = { code: this.code, status: this.status, message: this.message };
    if (this.details !== undefined) body.details = this.details;
    return body;
  }
}

export function isErrorBody(value: unknown): value is ErrorBody {
  const v = value as ErrorBody;
  return typeof v === 'object' && v !== null && typeof v.code === 'string' && typeof v.status === 'number' && typeof v.message === 'string';
}
