import { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Counter, Histogram } from 'prom-client';
import { AppMetrics } from './app-metrics';

/** The route label of a request no route matched (404s, static files): raw URLs would explode the series. */
export const UNMATCHED = 'unmatched';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** What Express leaves on a request once routed: the last matched route, under its router's mount path. */
export interface RoutedRequest {
  method?: string;
  baseUrl?: string;
  route?: { path?: unknown; methods?: Record<string, boolean> };
}

/**
 * `/api/v1/companies/:id`, never `/api/v1/companies/42`; `unmatched` when no
 * endpoint matched. An endpoint's route answers one method. A route for every
 * method is how Nest mounts a middleware for all routes (`app.all`, e.g. the
 * request logger's `/api/v1/{*path}`): it stays the request's route when no
 * endpoint matches, and is not one.
 */
export function routeLabel(req: RoutedRequest): string {
  const route = req.route;
  const methods = Object.keys(route?.methods ?? {});
  if (typeof route?.path !== 'string' || methods.length > 1 || methods[0] === '_all') return UNMATCHED;
  return `${req.baseUrl ?? ''}${route.path}` || '/';
}

export function methodLabel(req: RoutedRequest): string {
  const method = (req.method ?? '').toUpperCase();
  return METHODS.has(method) ? method : 'OTHER';
}

/**
 * An Express middleware counting and timing every request by method, route
 * pattern and status. Mount it before the routes: the route is read when the
 * answer is finished, after the router matched it (or not).
 */
export function httpMetrics(metrics: AppMetrics) {
  const registers = [metrics.registry];
  const requests = new Counter({
    name: 'grappes_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers,
  });
  const duration = new Histogram({
    name: 'grappes_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method and route pattern',
    labelNames: ['method', 'route'] as const,
    registers,
  });
  return (req: IncomingMessage & RoutedRequest, res: ServerResponse, next: () => void): void => {
    const started = performance.now();
    res.once('finish', () => {
      const labels = { method: methodLabel(req), route: routeLabel(req) };
      requests.inc({ ...labels, status: String(res.statusCode) });
      duration.observe(labels, (performance.now() - started) / 1_000);
    });
    next();
  };
}
