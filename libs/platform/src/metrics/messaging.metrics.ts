import { MessagingMetrics } from '@grappes/messaging';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** MessagingMetrics recorded as Prometheus series in `registry`. */
export function prometheusMessagingMetrics(registry: Registry): MessagingMetrics {
  const registers = [registry];
  const requests = new Counter({
    name: 'grappes_rpc_requests_total',
    help: 'NATS requests this service answered, by subject and outcome (ok or the error code)',
    labelNames: ['subject', 'outcome'] as const,
    registers,
  });
  const duration = new Histogram({
    name: 'grappes_rpc_request_duration_seconds',
    help: 'Time to answer a NATS request, by subject',
    labelNames: ['subject'] as const,
    registers,
  });
  const events = new Counter({
    name: 'grappes_events_handled_total',
    help: 'JetStream event deliveries, by subject and outcome (ok, retried, dead_lettered, ignored)',
    labelNames: ['subject', 'outcome'] as const,
    registers,
  });
  const published = new Counter({
    name: 'grappes_outbox_events_published_total',
    help: 'Events the outbox relay published to JetStream (acknowledged) and removed from the outbox',
    registers,
  });
  const pending = new Gauge({
    name: 'grappes_outbox_pending_events',
    help: 'Events left in the outboxes after the relay’s last pass',
    registers,
  });
  const removalMissed = new Counter({
    name: 'grappes_outbox_removal_missed_total',
    help: 'Published events the outbox relay found already removed from their outbox (another relay, or a changed event)',
    registers,
  });
  return {
    requestHandled: (subject, outcome, seconds) => {
      requests.inc({ subject, outcome });
      duration.observe({ subject }, seconds);
    },
    eventHandled: (subject, outcome) => events.inc({ subject, outcome }),
    eventPublished: () => published.inc(),
    eventsPending: (count) => pending.set(count),
    eventRemovalMissed: () => removalMissed.inc(),
  };
}
