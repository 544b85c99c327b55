import { ValidationPipe } from '@nestjs/common';
import { VALIDATION_OPTIONS, validationFailed } from '@grappes/messaging';

/** The same validation as the services apply, on every body, query and parameter at the door. */
export function httpValidationPipe(): ValidationPipe {
  return new ValidationPipe({ ...VALIDATION_OPTIONS, transform: true, exceptionFactory: validationFailed });
}
