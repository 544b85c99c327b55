// How requests and events become entries of the trail: pure mapping, no server.
import { CLUSTERS_EVENTS, EventEnvelope, GATEWAY_EVENTS, RequestCompleted } from '@grappes/contracts';
import { entryOfEvent, entryOfRequest, targetsOfEvent, targetsOfRoute } from './audit-entry';

const envelope = <D>(type: string, subject: string, data: D, extra: Partial<EventEnvelope<D>> = {}): EventEnvelope<D> => ({
  specversion: '1.0', id: 'e1', type, source: '/grappes/x', subject, time: '2026-12-03T10:00:00.000Z', datacontenttype: 'application/json',
  correlationid: 'trace-1', aggregateversion: 1, data, ...extra,
});

describe('the targets of a request', () => {
  it('names each id of the route by its kind: the id after a segment is of that segment, a companyId is a company', () => {
    expect(targetsOfRoute('/clusters/:id/members/:companyId/approve', { id: 'c1', companyId: 'k1' })).toEqual(['clusters/c1', 'companies/k1']);
    expect(targetsOfRoute('/companies/:id/people/:personId', { id: 'k1', personId: 'p1' })).toEqual(['companies/k1', 'people/p1']);
    expect(targetsOfRoute('/workshops/:id/registrations/:registrationId', { id: 'w1', registrationId: 'r1' })).toEqual(['workshops/w1', 'registrations/r1']);
  });

  it('names the kind alone for a route on no id, and the caller for a route on themselves', () => {
    expect(targetsOfRoute('/companies', {})).toEqual(['companies']);
    expect(targetsOfRoute('/me/calendar-token', {}, 'p7')).toEqual(['people/p7']);
  });
});

describe('the targets of an event', () => {
  it('names the pairs of its aggregate subject and the ids of its data, each once', () => {
    expect(targetsOfEvent('clusters/c1/members/k1', { clusterId: 'c1', companyId: 'k1', companyName: 'Boîtiers du Doubs' })).toEqual(['clusters/c1', 'companies/k1']);
    expect(targetsOfEvent('workshops/w1/registrations/r1', { workshopId: 'w1', registrationId: 'r1', companyId: 'k2' })).toEqual([
      'workshops/w1', 'registrations/r1', 'companies/k2',
    ]);
  });
});

describe('an entry of a request', () => {
  const completed: RequestCompleted = {
    method: 'POST', route: '/clusters/:id/members/:companyId/approve', params: { id: 'c1', companyId: 'k1' },
    actorId: 'p1', actorEmail: 'Admin@Grappes.test', actorCompanyId: 'k9', receivedAt: '2026-12-03T09:59:59.500Z', status: 403, code: 'AUTH.FORBIDDEN',
  };

  it('says who (id, e-mail, company), the action and its targets, when it arrived, the trace and the outcome, and when it expires', () => {
    const entry = entryOfRequest(envelope(GATEWAY_EVENTS.requestCompleted.type, 'requests/e1', completed), 30);

    expect(entry).toEqual({
      _id: 'e1', kind: 'request', at: new Date('2026-12-03T09:59:59.500Z'), action: 'POST /clusters/:id/members/:companyId/approve',
      targets: ['clusters/c1', 'companies/k1'], actor: { personId: 'p1', email: 'admin@grappes.test', companyId: 'k9' },
      correlationId: 'trace-1', outcome: { status: 403, code: 'AUTH.FORBIDDEN' }, expiresAt: new Date('2027-01-02T09:59:59.500Z'),
    });
  });

  it('has no actor for a public route', () => {
    const login: RequestCompleted = { method: 'POST', route: '/auth/login', params: {}, receivedAt: '2026-12-03T10:00:00.000Z', status: 200 };

    expect(entryOfRequest(envelope(GATEWAY_EVENTS.requestCompleted.type, 'requests/e1', login), 30)).not.toHaveProperty('actor');
  });
});

describe('an entry of an event', () => {
  it('has the event type as action, its targets, its trace and cause, and no actor of its own', () => {
    const joined = envelope(CLUSTERS_EVENTS.companyJoinedCluster.type, 'clusters/c1/members/k1', { clusterId: 'c1', companyId: 'k1' }, { causationid: 'req-1' });

    expect(entryOfEvent(joined, 1)).toEqual({
      _id: 'e1', kind: 'event', at: new Date('2026-12-03T10:00:00.000Z'), action: 'grappes.clusters.company-joined-cluster.v1',
      targets: ['clusters/c1', 'companies/k1'], correlationId: 'trace-1', causationId: 'req-1', outcome: {}, expiresAt: new Date('2026-12-04T10:00:00.000Z'),
    });
  });
});
