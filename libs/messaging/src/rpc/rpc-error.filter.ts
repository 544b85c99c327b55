import { ArgumentsHost, Catch, Logger, RpcExceptionFilter } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { DomainError, ERRORS, ErrorBody, isErrorBody } from '@grappes/contracts';
import { Observable, throwError } from 'rxjs';

/** Turns anything thrown into the wire error `{code, status, message, details}`. */
export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof DomainError) return error.toBody();
  if (error instanceof RpcException && isErrorBody(error.getError())) return error.getError() as ErrorBody;
  if (isErrorBody(error)) return { code: error.code, status: error.status, message: error.message, details: error.details };
  return { code: ERRORS.INTERNAL.code, status: ERRORS.INTERNAL.status, message: 'Internal error' };
}

@Catch()
export class RpcErrorFilter implements RpcExceptionFilter<unknown> {
  private readonly logger = new Logger('RpcErrorFilter');

  catch(error: unknown): Observable<never> {
    const body = toErrorBody(error);
    // Unexpected errors are logged here with their stack; the caller only learns "Internal error".
    if (body.status >= 500) this.logger.error(error instanceof Error ? error.stack : String(error));
    return throwError(() => body);
  }
}
