import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { DomainError, ERRORS, ErrorBody, isErrorBody } from '@grappes/contracts';
import { Observable, throwError } from 'rxjs';
import { JetStreamContext } from '../events/jetstream-context';

/** Turns anything thrown into the wire error `{code, status, message, details}`. */
export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof DomainError) return error.toBody();
  if (error instanceof RpcException && isErrorBody(error.getError())) return error.getError() as ErrorBody;
  if (isErrorBody(error)) return { code: error.code, status: error.status, message: error.message, details: error.details };
  if (isDatabaseUnavailable(error)) return { ...ERRORS.SERVICE_UNAVAILABLE, message: 'The service cannot reach its database' };
  return { code: ERRORS.INTERNAL.code, status: ERRORS.INTERNAL.status, message: 'Internal error' };
}

/**
 * The database cannot be reached (stopped, restarting, cut off): the request may
 * succeed later, so it is a 503, not an internal error. Known by the error's name,
 * so that this library needs neither the mongodb driver nor mongoose.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  // The driver lets a few socket errors through unwrapped (a write to a connection the server just closed).
  if (['EPIPE', 'ECONNRESET', 'ECONNREFUSED'].includes((error as NodeJS.ErrnoException).code ?? '')) return true;
  if (/^Mongo(ose)?(ServerSelection|Network|NetworkTimeout|NotConnected|TopologyClosed|PoolCleared)Error$/.test(error.name)) return true;
  return error.name === 'MongooseError' && /buffering timed out/.test(error.message);
}

@Catch()
export class RpcErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('RpcErrorFilter');

  catch(error: unknown, host: ArgumentsHost): Observable<never> | void {
    if (host.getType() === 'http') return replyOverHttp(error, host);
    const body = toErrorBody(error);
    // Unexpected errors are logged here with their stack; the caller only learns "Internal error".
    if (isDatabaseUnavailable(error)) this.logger.warn(`Database unavailable: ${(error as Error).message}`);
    // Waiting for an event of another stream is how order across streams is absorbed, not a defect.
    else if (body.code === ERRORS.EVENT_FACT_PENDING.code) this.logger.warn(body.message);
    else if (body.status >= 500) this.logger.error(error instanceof Error ? error.stack : String(error));
    // An event handler answers nobody: JetStreamServer needs the error itself, to dead-letter it with its reason.
    if (host.switchToRpc().getContext() instanceof JetStreamContext) return throwError(() => error);
    return throwError(() => body);
  }
}

/** A service's own HTTP port serves health only: its errors answer plainly, without internals. */
function replyOverHttp(error: unknown, host: ArgumentsHost): void {
  const status = error instanceof HttpException ? error.getStatus() : 500;
  const body = error instanceof HttpException ? error.getResponse() : { message: 'Internal error' };
  host.switchToHttp().getResponse<{ status(code: number): { json(body: unknown): void } }>().status(status).json(body);
}
