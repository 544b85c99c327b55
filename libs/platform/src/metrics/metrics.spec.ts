import { EventEmitter } from 'node:events';
import { IncomingMessage, ServerResponse } from 'node:http';
import { AppMetrics } from './app-metrics';
import { RoutedRequest, UNMATCHED, httpMetrics, methodLabel, routeLabel } from './http.metrics';

/** The sample line of `name` whose labels include all of `labels`, as a number; undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('route labels of HTTP metrics', () => {
  it('is the matched route pattern, never the raw URL', () => {
    expect(routeLabel({ route: { path: '/api/v1/companies/:id', methods: { get: true } }, baseUrl: '' })).toBe('/api/v1/companies/:id');
  });

  it('puts a mounted router’s path in front of its route', () => {
    expect(routeLabel({ route: { path: '/:id' }, baseUrl: '/api/v1/companies' })).toBe('/api/v1/companies/:id');
  });

  it('is `unmatched` when no route matched (404s, static files) or the pattern is not a string', () => {
    expect(routeLabel({})).toBe(UNMATCHED);
    // Nest mounts a middleware for all routes with `app.all(...)`: left as the route when no endpoint matched.
    expect(routeLabel({ route: { path: '/api/v1/{*path}', methods: { get: true, post: true, delete: true } } })).toBe(UNMATCHED);
    expect(routeLabel({ route: { path: '/api/v1/{*path}', methods: { _all: true } } })).toBe(UNMATCHED);
    expect(routeLabel({ route: { path: /^\/x/ } })).toBe(UNMATCHED);
    expect(routeLabel({ route: { path: ['/a', '/b'] } })).toBe(UNMATCHED);
  });

  it('keeps the usual methods and folds the rest into OTHER', () => {
    expect(['get', 'POST', 'delete'].map((method) => methodLabel({ method }))).toEqual(['GET', 'POST', 'DELETE']);
    expect(methodLabel({ method: 'PROPFIND' })).toBe('OTHER');
  });
});

describe('AppMetrics', () => {
  it('renders Node’s default metrics with the service label', async () => {
    const text = await new AppMetrics('members').render();

    expect(text).toMatch(/^process_cpu_user_seconds_total\{service="members"\} /m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds\{service="members"\} /m);
  });

  it('records what messaging reports: requests by subject and outcome, events, the outbox', async () => {
    const metrics = new AppMetrics('members');
    const { messaging } = metrics;
    messaging.requestHandled('rpc.members.register-company', 'ok', 0.012);
    messaging.requestHandled('rpc.members.register-company', 'ok', 0.02);
    messaging.requestHandled('rpc.members.get-company', 'REQUEST.VALIDATION_FAILED', 0.001);
    messaging.eventHandled('events.clusters.company-joined-cluster', 'retried');
    messaging.eventPublished();
    messaging.eventsPending(4);

    const text = await metrics.render();

    const subject = 'rpc.members.register-company';
    expect(sample(text, 'grappes_rpc_requests_total', { subject, outcome: 'ok', service: 'members' })).toBe(2);
    expect(sample(text, 'grappes_rpc_requests_total', { subject: 'rpc.members.get-company', outcome: 'REQUEST.VALIDATION_FAILED' })).toBe(1);
    expect(sample(text, 'grappes_rpc_request_duration_seconds_count', { subject })).toBe(2);
    expect(sample(text, 'grappes_rpc_request_duration_seconds_bucket', { subject, le: '0.025' })).toBe(2);
    expect(sample(text, 'grappes_events_handled_total', { subject: 'events.clusters.company-joined-cluster', outcome: 'retried' })).toBe(1);
    expect(sample(text, 'grappes_outbox_events_published_total', {})).toBe(1);
    expect(sample(text, 'grappes_outbox_pending_events', {})).toBe(4);
  });

  it('counts and times HTTP requests by method, route pattern and status, read once the answer is finished', async () => {
    const metrics = new AppMetrics('gateway');
    const count = httpMetrics(metrics);
    const answer = (req: RoutedRequest, statusCode: number, route: RoutedRequest['route']) => {
      const res = Object.assign(new EventEmitter(), { statusCode });
      count(req as IncomingMessage & RoutedRequest, res as unknown as ServerResponse, () => undefined);
      req.route = route; // the router matches after this middleware
      res.emit('finish');
    };
    const endpoint = { path: '/api/v1/companies/:id', methods: { get: true } };

    answer({ method: 'GET', url: '/api/v1/companies/42' } as RoutedRequest, 200, endpoint);
    answer({ method: 'GET', url: '/api/v1/companies/43' } as RoutedRequest, 404, endpoint);
    answer({ method: 'GET', url: '/api/v1/metrics' } as RoutedRequest, 404, { path: '/api/v1/{*path}', methods: { get: true, post: true } });

    const text = await metrics.render();
    const route = '/api/v1/companies/:id';
    expect(sample(text, 'grappes_http_requests_total', { method: 'GET', route, status: '200', service: 'gateway' })).toBe(1);
    expect(sample(text, 'grappes_http_requests_total', { method: 'GET', route, status: '404' })).toBe(1);
    expect(sample(text, 'grappes_http_requests_total', { method: 'GET', route: UNMATCHED, status: '404' })).toBe(1);
    expect(sample(text, 'grappes_http_request_duration_seconds_count', { method: 'GET', route })).toBe(2);
    expect(text).not.toContain('/api/v1/companies/42');
  });
});
