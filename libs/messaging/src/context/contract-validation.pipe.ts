import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { VALIDATION_OPTIONS, validationFailed } from './validation';

/**
 * Every string of a payload in Unicode NFC. "é" can be one code point or "e"
 * and a combining accent: both look the same, so without one form two
 * accounts, names or searches could be visually identical twins.
 */
export function toNfc(value: unknown): unknown {
  if (typeof value === 'string') return value.normalize('NFC');
  if (Array.isArray(value)) return value.map(toNfc);
  // Plain objects only (a query string's has no prototype); class instances are left alone.
  if (value !== null && typeof value === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(value))) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toNfc(item)]));
  }
  return value;
}

/** Normalises before validating, so that lengths and uniqueness are judged on the stored form. */
class NfcValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    return super.transform(metadata.type === 'custom' ? value : toNfc(value), metadata);
  }
}

/**
 * Validates every payload with its contracts class, at every door: HTTP bodies
 * and queries at the gateway, request payloads at each service. A bad one
 * answers 400 with the fields named.
 */
export function contractValidationPipe(): ValidationPipe {
  return new NfcValidationPipe({ ...VALIDATION_OPTIONS, transform: true, exceptionFactory: validationFailed });
}
