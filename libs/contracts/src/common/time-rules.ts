import { ValidationArguments, ValidationOptions, registerDecorator } from 'class-validator';

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
          return value instanceof Date && other instanceof Date && value.getTime() > other.getTime();
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
      validator: { validate: (value: unknown) => value instanceof Date && value.getTime() > Date.now() },
    });
}
