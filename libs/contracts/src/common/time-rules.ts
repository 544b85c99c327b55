import { ValidationArguments, ValidationOptions, registerDecorator } from 'class-validator';

/** ISO 8601 with its offset (`Z` or `±hh:mm`): a time is never read in the server's own zone. */
export const WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A real time of a real day: JavaScript's parser rolls `2027-02-30` over to
 * March 2nd and reads `T24:00` as the next midnight, so the fields are checked
 * against the calendar before the string is trusted.
 */
export function isTimeWithOffset(value: unknown): value is string {
  const fields = typeof value === 'string' ? WITH_OFFSET.exec(value) : null;
  if (!fields || Number.isNaN(Date.parse(value as string))) return false;
  const [year, month, day, hour, minute] = fields.slice(1, 6).map(Number);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && hour <= 23 && minute <= 59;
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
