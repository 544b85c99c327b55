import { NatsConnection, StringCodec } from 'nats';
import { Platform } from './platform';

export interface PublishedEvent {
  type: string;
  data: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Every event the workshops service published about one workshop, in the order of the stream. */
export async function workshopEventsOf(platform: Platform, nats: NatsConnection, workshopId: string): Promise<PublishedEvent[]> {
  const [jsm, stream] = [await nats.jetstreamManager(), platform.stream('EVENTS_WORKSHOPS')];
  const { state } = await jsm.streams.info(stream);
  const codec = StringCodec();
  const events: PublishedEvent[] = [];
  for (let seq = state.first_seq; seq <= state.last_seq; seq++) {
    const message = await jsm.streams.getMessage(stream, { seq }).catch(() => undefined);
    const event = message && (JSON.parse(codec.decode(message.data)) as PublishedEvent);
    if (event?.data['workshopId'] === workshopId) events.push(event);
  }
  return events;
}

export const named = (events: PublishedEvent[], name: string) => events.filter((e) => e.type === `grappes.workshops.${name}.v1`);
