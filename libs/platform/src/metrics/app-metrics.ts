import { MessagingMetrics } from '@grappes/messaging';
import { Registry, collectDefaultMetrics } from 'prom-client';
import { prometheusMessagingMetrics } from './messaging.metrics';

/**
 * The process's one metrics registry, in the Prometheus text format: Node's
 * own metrics (process, event loop, GC) and the app's, every series labelled
 * with the app's `service`. An app creates one, as a provider.
 */
export class AppMetrics {
  readonly registry = new Registry();
  /** Handed to the messaging wiring: requests answered, events consumed, outbox relay. */
  readonly messaging: MessagingMetrics;

  constructor(readonly service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    this.messaging = prometheusMessagingMetrics(this.registry);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }
}
