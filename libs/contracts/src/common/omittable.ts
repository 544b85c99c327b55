import { ValidateIf } from 'class-validator';

/**
 * The field may be left out, but not sent as `null`: unlike `@IsOptional()`,
 * an explicit null is validated (and refused), so it never reaches a service
 * as a value.
 */
export const Omittable = (): PropertyDecorator => ValidateIf((_object, value) => value !== undefined);
