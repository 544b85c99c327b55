import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { DomainError, ERRORS, ErrorBody, isErrorBody } from '@grappes/contracts';
import { currentCorrelationId } from '@grappes/messaging';
import type { Response } from 'express';

const HTTP_CODES: Record<number, string> = {
  400: ERRORS.VALIDATION_FAILED.code,
  401: ERRORS.UNAUTHENTICATED.code,
  403: ERRORS.FORBIDDEN.code,
  404: ERRORS.NOT_FOUND.code,
  429: ERRORS.TOO_MANY_REQUESTS.code,
};

/** Every error answers `{statusCode, code, message, details?, correlationId}`; internals never leave. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    const body = errorBodyOf(error);
    if (body.status >= 500 && !(error instanceof DomainError)) this.logger.error(error instanceof Error ? error.stack : String(error));
    const response = host.switchToHttp().getResponse<Response>();
    response.status(body.status).json({
      statusCode: body.status,
      code: body.code,
      message: body.message,
      ...(body.details !== undefined ? { details: body.details } : {}),
      correlationId: currentCorrelationId(),
    });
  }
}

/** The answer an error gets: its own code and status, or the nearest standard one; never an internal message. */
export function errorBodyOf(error: unknown): ErrorBody {
  if (isErrorBody(error)) return error;
  const parserError = bodyParserError(error);
  if (parserError) return parserError;
  if (error instanceof ThrottlerException) return { ...ERRORS.TOO_MANY_REQUESTS, message: 'Too many requests; slow down' };
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const message = status === HttpStatus.NOT_FOUND ? 'No such resource' : error.message;
    return { code: HTTP_CODES[status] ?? `HTTP.${status}`, status, message };
  }
  return { ...ERRORS.INTERNAL, message: 'Internal error' };
}

/** Express's body parser refuses a body over the limit before any route, with an error of its own (not Nest's). */
function bodyParserError(error: unknown): ErrorBody | undefined {
  const type = (error as { type?: unknown } | null)?.type;
  if (type === 'entity.too.large') return { ...ERRORS.BODY_TOO_LARGE, message: 'The request body is too large' };
  return undefined;
}
