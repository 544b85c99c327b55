import { DomainError, ERRORS } from '@grappes/contracts';
import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';

export interface FieldProblem {
  field: string;
  problems: string[];
}

/** Flattens class-validator's tree into one entry per bad field (`establishments.0.siret`). */
export function toFieldProblems(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, problems: Object.values(error.constraints) }] : [];
    return [...own, ...toFieldProblems(error.children ?? [], field)];
  });
}

export function validationFailed(errors: ValidationError[]): DomainError {
  return new DomainError(ERRORS.VALIDATION_FAILED, 'The request is not valid', toFieldProblems(errors));
}

/** The options every door uses: unknown fields are refused, types are converted. */
export const VALIDATION_OPTIONS = { whitelist: true, forbidNonWhitelisted: true } as const;

/**
 * How events are read: known fields validated, unknown ones dropped, so that a
 * producer adding a field breaks none of its consumers (requests stay strict).
 */
export const TOLERANT_READER_OPTIONS = { whitelist: true, forbidNonWhitelisted: false } as const;

/** Validates a plain object against a contracts class, throwing a 400-class DomainError. */
export function validated<T extends object>(cls: new () => T, plain: unknown, options: object = VALIDATION_OPTIONS): T {
  const instance = plainToInstance(cls, plain ?? {}) as T;
  const errors = validateSync(instance, options);
  if (errors.length > 0) throw validationFailed(errors);
  return instance;
}
