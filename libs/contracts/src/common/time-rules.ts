import { ValidationArguments, ValidationOptions, registerDecorator } from 'class-validator';

/** ISO 8601 with its offset (`Z` or `±hh:mm`): a time is never read in the server's own zone. */
export const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export function isTimeWithOffset(value: unknown): value is string {
  return typeof value === 'string' && WITH_OFFSET.test(value) && !Number.isNaN(Date.parse(value));
}

/** A date with its offset, e.g. `2027-03-04T09:30:00+01:00` (Europe/Paris in winter). */
export function IsTimeWithOffset(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isTimeWithOffset',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be an ISO 8601 date and time with its offset, e.g. 2027-03-04T09:30:00+01:00', ...options },
      validator: { validate: isTimeWithOffset },
    });
}

/** The date must come after the one in `property` of the same object (an end after its start). */
export function IsAfter(property: string, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isAfter',
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [property],
      options: { message: `$property must be after ${property}`, ...options },
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const other = (args.object as Record<string, unknown>)[property];
          return isTimeWithOffset(value) && isTimeWithOffset(other) && Date.parse(value) > Date.parse(other);
        },
      },
    });
}

/** The date must lie ahead: nothing is scheduled in the past. */
export function IsInFuture(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isInFuture',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be in the future', ...options },
      validator: { validate: (value: unknown) => isTimeWithOffset(value) && Date.parse(value) > Date.now() },
    });
}
