import { CLUSTERS_EVENTS } from './clusters.events';
import type { EventEnvelope } from './envelope';
import type { EventDefinition } from './event-definition';
import { GATEWAY_EVENTS } from './gateway.events';
import { MEMBERS_EVENTS } from './members.events';
import { NOTIFICATIONS_EVENTS } from './notifications.events';
import { IDEAS_EVENTS, PROJECTS_EVENTS } from './projects.events';
import { WORKSHOPS_EVENTS } from './workshops.events';

/** Every event the platform knows, so a consumer can validate what it receives. */
export const EVENT_CATALOGUE: EventDefinition[] = [
  ...Object.values(MEMBERS_EVENTS),
  ...Object.values(CLUSTERS_EVENTS),
  ...Object.values(PROJECTS_EVENTS),
  ...Object.values(IDEAS_EVENTS),
  ...Object.values(WORKSHOPS_EVENTS),
  ...Object.values(NOTIFICATIONS_EVENTS),
  ...Object.values(GATEWAY_EVENTS),
];

const byType = new Map(EVENT_CATALOGUE.map((def) => [def.type, def]));

export function eventDefinitionOf(envelope: Pick<EventEnvelope, 'type'>): EventDefinition | undefined {
  return byType.get(envelope.type);
}

/** `grappes.clusters.company-joined-cluster.v1` is published on `events.clusters.company-joined-cluster`. */
export function natsSubjectOf(envelope: Pick<EventEnvelope, 'type'>): string {
  const match = /^grappes\.([a-z-]+)\.([a-z-]+)\.v\d+$/.exec(envelope.type);
  if (!match) throw new Error(`Not a Grappes event type: ${envelope.type}`);
  return `events.${match[1]}.${match[2]}`;
}
