import { ValidationPipe } from '@nestjs/common';
import { VALIDATION_OPTIONS, validationFailed } from './validation';

/**
 * Validates every payload with its contracts class, at every door: HTTP bodies
 * and queries at the gateway, request payloads at each service. A bad one
 * answers 400 with the fields named.
 */
export function contractValidationPipe(): ValidationPipe {
  return new ValidationPipe({ ...VALIDATION_OPTIONS, transform: true, exceptionFactory: validationFailed });
}
