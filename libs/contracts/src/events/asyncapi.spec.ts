// docs/asyncapi.yaml against the code: a channel for every event of the catalogue, at its
// subject, with its CloudEvents type, and a data schema that says what the data class's
// class-validator decorators say. No channel the catalogue lacks.
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { EVENT_CATALOGUE } from './catalogue';
import { EventDefinition } from './event-definition';

const DOCUMENT_PATH = resolve(__dirname, '../../../../docs/asyncapi.yaml');

type Schema = {
  $ref?: string;
  allOf?: Schema[];
  type?: string;
  format?: string;
  const?: unknown;
  enum?: unknown[];
  minimum?: number;
  items?: Schema;
  required?: string[];
  properties?: Record<string, Schema>;
};
type Message = { name: string; payload: Schema; examples?: { headers?: Record<string, string>; payload: Envelope }[] };
type Envelope = { id: string; type: string; data: object };
type Channel = { subscribe?: { message: { $ref: string } } };
type AsyncApi = {
  asyncapi: string;
  info: { title: string; version: string; description: string; 'x-planned-events': string[] };
  servers: Record<string, { protocol: string }>;
  channels: Record<string, Channel>;
};

const doc = parse(readFileSync(DOCUMENT_PATH, 'utf8')) as AsyncApi;

/** Follows a local `$ref` (`#/components/...`), as often as it takes. */
function deref<T>(node: T & { $ref?: string }): T {
  if (!node.$ref) return node;
  const target = node.$ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], doc);
  if (!target) throw new Error(`Unresolved $ref ${node.$ref}`);
  return deref(target as T & { $ref?: string });
}

/** One object schema: references followed, `allOf` parts merged. */
function flatten(schema: Schema): Schema {
  const resolved = deref(schema);
  if (!resolved.allOf) return resolved;
  return resolved.allOf.map(flatten).reduce<Schema>(
    (merged, part) => ({
      ...merged,
      ...part,
      required: [...(merged.required ?? []), ...(part.required ?? [])],
      properties: mergeProperties(merged.properties, part.properties),
    }),
    {},
  );
}

function mergeProperties(a: Record<string, Schema> = {}, b: Record<string, Schema> = {}): Record<string, Schema> {
  const merged = { ...a };
  for (const [name, schema] of Object.entries(b)) merged[name] = name in a ? { ...deref(a[name]), ...deref(schema) } : schema;
  return merged;
}

function messageOf(def: EventDefinition): Message {
  const channel = doc.channels[def.subject];
  if (!channel?.subscribe) throw new Error(`No channel with a subscribe operation for ${def.subject}`);
  return deref(channel.subscribe.message as Message & { $ref: string });
}

/** A property of an object schema, references followed. */
function propertyOf(schema: Schema, name: string): Schema {
  const property = schema.properties?.[name];
  if (!property) throw new Error(`No property ${name} in ${JSON.stringify(schema)}`);
  return deref(property);
}

function dataSchemaOf(def: EventDefinition): Schema {
  return flatten(propertyOf(flatten(messageOf(def).payload), 'data'));
}

/** The class-validator decorators of a data class, inherited ones included, by property. */
function decoratorsOf(dataClass: EventDefinition['dataClass']): Map<string, ValidationMetadata[]> {
  const byProperty = new Map<string, ValidationMetadata[]>();
  for (const metadata of getMetadataStorage().getTargetValidationMetadatas(dataClass, '', true, false)) {
    byProperty.set(metadata.propertyName, [...(byProperty.get(metadata.propertyName) ?? []), metadata]);
  }
  return byProperty;
}

const isOptional = (decorators: ValidationMetadata[]) => decorators.some((d) => d.type === 'conditionalValidation');

/** What one decorator promises, as the property's schema must say it. */
function expectSchemaToSay(schema: Schema, decorator: ValidationMetadata, where: string): void {
  const items = schema.items ? deref(schema.items) : undefined;
  const says = (actual: unknown, expected: unknown) => expect({ where, decorator: decorator.name, actual }).toEqual({ where, decorator: decorator.name, actual: expected });
  if (decorator.type === 'nestedValidation') return says(decorator.each ? items?.type : schema.type, 'object');
  switch (decorator.name) {
    case 'isString':
      return says(decorator.each ? items?.type : schema.type, 'string');
    case 'isInt':
      return says(schema.type, 'integer');
    case 'min':
      return says(schema.minimum, decorator.constraints[0]);
    case 'isArray':
      return says(schema.type, 'array');
    case 'isIn':
      return says(decorator.each ? items?.enum : schema.enum, [...decorator.constraints[0]]);
    case 'isDateString':
      return says([schema.type, schema.format], ['string', 'date-time']);
    case 'isObject':
      return says(schema.type, 'object');
    case 'isEmail':
      return says([schema.type, schema.format], ['string', 'email']);
    default:
      throw new Error(`${where}: this test does not know how a schema says @${decorator.name}; teach it`);
  }
}

describe('docs/asyncapi.yaml', () => {
  it('is an AsyncAPI 2.6.0 document of the Grappes events, with a NATS server', () => {
    expect(doc.asyncapi).toBe('2.6.0');
    expect(doc.info).toMatchObject({ title: 'Grappes events', version: '1.0.0' });
    expect(Object.values(doc.servers).map((server) => server.protocol)).toContain('nats');
  });

  it.each(EVENT_CATALOGUE.map((def) => [def.type, def] as const))(
    'has a channel for %s at its subject, whose message carries its type in the envelope',
    (_type, def) => {
      const payload = flatten(messageOf(def).payload);

      expect(messageOf(def).name).toBe(def.name);
      expect(propertyOf(payload, 'type').const).toBe(def.type);
      expect(propertyOf(payload, 'source').const).toBe(`/grappes/${def.producer}`);
      expect(payload.required).toEqual(
        expect.arrayContaining(['specversion', 'id', 'type', 'source', 'subject', 'time', 'datacontenttype', 'correlationid', 'aggregateversion', 'data']),
      );
    },
  );

  it.each(EVENT_CATALOGUE.map((def) => [def.name, def.dataClass.name, def] as const))(
    "describes the data of %s as its class %s does: every field, the required ones, types, enums and formats",
    (_name, className, def) => {
      const schema = dataSchemaOf(def);
      const decorators = decoratorsOf(def.dataClass);
      const required = [...decorators].filter(([, list]) => !isOptional(list)).map(([property]) => property);

      expect(Object.keys(schema.properties ?? {}).sort()).toEqual([...decorators.keys()].sort());
      expect([...(schema.required ?? [])].sort()).toEqual(required.sort());
      for (const [property, list] of decorators) {
        const propertySchema = propertyOf(schema, property);
        for (const decorator of list.filter((d) => d.type !== 'conditionalValidation')) {
          expectSchemaToSay(propertySchema, decorator, `${className}.${property}`);
        }
      }
    },
  );

  it('has no channel that the event catalogue lacks', () => {
    expect(Object.keys(doc.channels).sort()).toEqual(EVENT_CATALOGUE.map((def) => def.subject).sort());
  });

  it('names the planned events in its description, and none of them is in the catalogue yet', () => {
    const planned = doc.info['x-planned-events'];
    const published = new Set(EVENT_CATALOGUE.map((def) => def.subject));

    expect(planned.filter((subject) => published.has(subject))).toEqual([]);
    for (const subject of planned) expect(doc.info.description).toContain(`\`${subject}\``);
  });

  it('gives examples that the data classes accept', () => {
    const examples = EVENT_CATALOGUE.flatMap((def) => (messageOf(def).examples ?? []).map((example) => ({ def, example })));

    expect(examples.length).toBeGreaterThan(0);
    for (const { def, example } of examples) {
      expect(example.payload.type).toBe(def.type);
      expect(example.headers?.['Nats-Msg-Id']).toBe(example.payload.id);
      expect(validateSync(plainToInstance(def.dataClass as new () => object, example.payload.data))).toEqual([]);
    }
  });
});
