import { Producer, streamOf } from '@grappes/contracts';
import { JetStreamManager, RetentionPolicy, StorageType, StreamConfig, nanos } from 'nats';

/** Longer than the relay's retries, so a republished event is recognised and dropped. */
const DUPLICATE_WINDOW_MS = 10 * 60_000;

export const DEAD_LETTER_STREAM = { name: 'DEAD_LETTERS', subjects: ['deadletters.>'] };

/** Creates or updates a stream; safe to call from every instance at every boot. */
async function declare(jsm: JetStreamManager, config: Partial<StreamConfig> & { name: string }): Promise<void> {
  try {
    await jsm.streams.info(config.name);
    await jsm.streams.update(config.name, config);
  } catch (error) {
    if (!isStreamNotFound(error)) throw error;
    await jsm.streams.add(config);
  }
}

function isStreamNotFound(error: unknown): boolean {
  return error instanceof Error && /stream not found/i.test(error.message);
}

export async function declareEventStream(jsm: JetStreamManager, producer: Producer): Promise<string> {
  const { name, subjects } = streamOf(producer);
  await declare(jsm, {
    name,
    subjects,
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    duplicate_window: nanos(DUPLICATE_WINDOW_MS),
  });
  return name;
}

export async function declareDeadLetterStream(jsm: JetStreamManager): Promise<void> {
  await declare(jsm, { ...DEAD_LETTER_STREAM, storage: StorageType.File, retention: RetentionPolicy.Limits });
}
