import { Producer } from './envelope';

export type DataClass<D> = new () => D;

/** One kind of event: where it is published, its CloudEvents type, and the class that validates its data. */
export interface EventDefinition<D = unknown> {
  producer: Producer;
  name: string;
  major: number;
  subject: string;
  type: string;
  dataClass: DataClass<D>;
}

export type EventDataOf<E> = E extends EventDefinition<infer D> ? D : never;

export function defineEvent<D>(producer: Producer, name: string, dataClass: DataClass<D>, major = 1): EventDefinition<D> {
  return {
    producer,
    name,
    major,
    subject: `events.${producer}.${name}`,
    type: `grappes.${producer}.${name}.v${major}`,
    dataClass,
  };
}
