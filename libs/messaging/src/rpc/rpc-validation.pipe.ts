import { ValidationPipe } from '@nestjs/common';
import { VALIDATION_OPTIONS, validationFailed } from '../context/validation';

/** Validates every payload with its contracts class; a bad one answers 400 with the fields named. */
export function rpcValidationPipe(): ValidationPipe {
  return new ValidationPipe({ ...VALIDATION_OPTIONS, transform: true, exceptionFactory: validationFailed });
}
