import { OpenAPIObject } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { WITH_OFFSET } from '@grappes/contracts';

type Schema = Record<string, unknown> & { properties?: Record<string, Schema>; items?: Schema };

/** What each validator of the contracts says, as JSON Schema: the document then refuses what the gateway refuses. */
const CONSTRAINTS: Record<string, (constraints: unknown[]) => Record<string, unknown>> = {
  isSiren: () => ({ type: 'string', pattern: '^[0-9]{9}$' }),
  isSiret: () => ({ type: 'string', pattern: '^[0-9]{14}$' }),
  isNafCode: () => ({ type: 'string', pattern: '^[0-9]{2}\\.[0-9]{2}[A-Z]$' }),
  isTimeWithOffset: () => ({ type: 'string', format: 'date-time', pattern: WITH_OFFSET.source }),
  isIn: ([values]) => ({ enum: values }),
  isLength: ([min, max]) => ({ type: 'string', minLength: min, ...(max !== undefined ? { maxLength: max } : {}) }),
  minLength: ([min]) => ({ type: 'string', minLength: min }),
  maxLength: ([max]) => ({ type: 'string', maxLength: max }),
  isNotEmpty: () => ({ minLength: 1 }),
  // A Unicode property escape (\p{L}) is not understood by every JSON Schema engine: such a rule stays the server's.
  matches: ([pattern]) => ((pattern as RegExp).flags.includes('u') ? { type: 'string' } : { type: 'string', pattern: (pattern as RegExp).source }),
  isEmail: () => ({ type: 'string', format: 'email' }),
  isUrl: () => ({ type: 'string', format: 'uri' }),
  isString: () => ({ type: 'string' }),
  isInt: () => ({ type: 'integer' }),
  isBoolean: () => ({ type: 'boolean' }),
  min: ([minimum]) => ({ minimum }),
  max: ([maximum]) => ({ maximum }),
};
const ARRAY_CONSTRAINTS: Record<string, (constraints: unknown[]) => Record<string, unknown>> = {
  arrayMaxSize: ([max]) => ({ maxItems: max }),
  arrayMinSize: ([min]) => ({ minItems: min }),
  arrayUnique: () => ({ uniqueItems: true }),
  isArray: () => ({ type: 'array' }),
};

function constraintOf(metadata: ValidationMetadata): string {
  return metadata.type === 'customValidation' ? (metadata.name ?? '') : metadata.type;
}

/**
 * Adds to each request schema of the document the constraints of the
 * class-validator decorators of the contracts class of the same name
 * (inherited ones included), which `@ApiProperty` does not repeat.
 */
export function withValidatorConstraints(document: OpenAPIObject): OpenAPIObject {
  const storage = getMetadataStorage();
  const targets = new Map<string, Function>(); // eslint-disable-line @typescript-eslint/no-unsafe-function-type
  for (const target of (storage as unknown as { validationMetadatas: Map<Function, unknown> }).validationMetadatas.keys()) { // eslint-disable-line @typescript-eslint/no-unsafe-function-type
    targets.set(target.name, target);
  }
  for (const [name, schema] of Object.entries((document.components?.schemas ?? {}) as Record<string, Schema>)) {
    const target = targets.get(name);
    if (!target || !schema.properties) continue;
    for (const metadata of storage.getTargetValidationMetadatas(target, '', true, false)) {
      const property = schema.properties[metadata.propertyName];
      if (!property || '$ref' in property) continue;
      const constraint = constraintOf(metadata);
      const array = ARRAY_CONSTRAINTS[constraint];
      const scalar = CONSTRAINTS[constraint];
      if (array) Object.assign(property, array(metadata.constraints ?? []));
      else if (scalar && metadata.each) property.items = { ...(property.items ?? {}), ...scalar(metadata.constraints ?? []) };
      else if (scalar && !(property.type === 'array')) Object.assign(property, scalar(metadata.constraints ?? []));
    }
  }
  return document;
}
