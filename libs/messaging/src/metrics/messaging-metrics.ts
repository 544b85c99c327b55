/** What became of an event a consumer received. */
export type EventOutcome = 'ok' | 'retried' | 'dead_lettered' | 'ignored';

/**
 * What the messaging wiring reports about its work. The app decides where it
 * goes (libs/platform: Prometheus); messaging knows no metrics library.
 * Subjects are the contract's subjects, never ids, so label sets stay bounded.
 */
export interface MessagingMetrics {
  /** A request this process answered: `ok`, or the error code it answered with. */
  requestHandled(subject: string, outcome: string, seconds: number): void;
  eventHandled(subject: string, outcome: EventOutcome): void;
  /** An event the outbox relay published (acknowledged by JetStream) and removed. */
  eventPublished(): void;
  /** A published event the relay found already gone from its outbox when removing it. */
  eventRemovalMissed(): void;
  /** Events still waiting in the outboxes after the relay's last pass. */
  eventsPending(count: number): void;
}

const ignore = () => undefined;

/** Reports nothing: the default where no metrics are wired (tests, tools). */
export const NO_METRICS: MessagingMetrics = {
  requestHandled: ignore,
  eventHandled: ignore,
  eventPublished: ignore,
  eventsPending: ignore,
  eventRemovalMissed: ignore,
};
