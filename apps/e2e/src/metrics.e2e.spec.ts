import { waitFor } from '@grappes/testing';
import { sample } from './support/metrics';
import { usePlatform } from './support/use-platform';

async function scrape(port: number): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
  return response.text();
}

describe('Prometheus metrics of every app', () => {
  const { platform, anonymous, admin } = usePlatform();
  const metricsOf = (app: string) => scrape(platform.ports[app]);

  beforeAll(async () => {
    const company = await admin.post('/companies', {
      name: 'Boîtiers du Doubs', siren: '732829320', category: 'components-and-microtechnics', capabilities: ['cases'], region: 'Bourgogne-Franche-Comté',
    });
    const cluster = await admin.post('/clusters', { name: 'Grappe Boîtiers', theme: 'cases', admission: 'open' });
    const join = await admin.post(`/clusters/${cluster.body.id}/members`, { companyId: company.body.id });
    expect([company.status, cluster.status, join.status]).toEqual([201, 201, 201]);
  });

  it('counts the requests a service answers, by subject and outcome, with their durations', async () => {
    // The gateway lets any id through; the members service refuses one longer than 64 characters.
    const refused = await admin.get(`/companies/${'x'.repeat(65)}`);
    expect([refused.status, refused.body.code]).toEqual([400, 'REQUEST.VALIDATION_FAILED']);

    const text = await metricsOf('members');

    const registered = { subject: 'rpc.members.register-company', service: 'members' };
    expect(sample(text, 'grappes_rpc_requests_total', { ...registered, outcome: 'ok' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'grappes_rpc_request_duration_seconds_count', registered)).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'grappes_rpc_requests_total', { subject: 'rpc.members.get-company', outcome: 'REQUEST.VALIDATION_FAILED' })).toBe(1);
    expect(sample(text, 'process_cpu_user_seconds_total', { service: 'members' })).toBeGreaterThan(0);
  });

  it('counts the events the outbox relay publishes, and the backlog it leaves', async () => {
    const text = await waitFor(async () => {
      const scraped = await metricsOf('clusters');
      return sample(scraped, 'grappes_outbox_events_published_total') >= 1 && scraped;
    }, 'the clusters relay to publish the join');

    expect(text).toMatch(/^grappes_outbox_pending_events\{service="clusters"\} \d+$/m);
  });

  it('counts the events a consumer handles, by subject and outcome', async () => {
    const joined = { subject: 'events.clusters.company-joined-cluster', outcome: 'ok', service: 'notifications' };

    await waitFor(async () => sample(await metricsOf('notifications'), 'grappes_events_handled_total', joined) >= 1, 'notifications to handle the join');
  });

  it('serves the gateway’s HTTP metrics, by route pattern, on its internal metrics port only', async () => {
    await admin.get('/companies/no-such-company');
    await anonymous.get('/no/such/route');

    const text = await scrape(platform.metricsPort);

    expect(sample(text, 'grappes_http_requests_total', { method: 'POST', route: '/api/v1/companies', status: '201', service: 'gateway' })).toBe(1);
    expect(sample(text, 'grappes_http_requests_total', { method: 'GET', route: '/api/v1/companies/:id', status: '404' })).toBe(1);
    expect(sample(text, 'grappes_http_requests_total', { method: 'GET', route: 'unmatched', status: '404' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'grappes_http_request_duration_seconds_count', { method: 'POST', route: '/api/v1/clusters/:id/members' })).toBe(1);
    expect(text).not.toContain('no-such-company');
    expect(text).not.toContain('/no/such/route');

    // Not on the public API port.
    const gateway = `http://127.0.0.1:${platform.ports['gateway']}`;
    for (const path of ['/metrics', '/api/v1/metrics']) {
      expect([401, 404]).toContain((await fetch(`${gateway}${path}`)).status);
    }
  });
});
