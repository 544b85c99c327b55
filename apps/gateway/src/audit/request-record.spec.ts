// The gateway's record of a request: the route and its ids, the caller and the
// outcome, never the body; published under the request's own id.
import { ERRORS, GATEWAY_EVENTS } from '@grappes/contracts';
import { runInContext } from '@grappes/messaging';
import { requestCompletedOf, requestRecordOf } from './request-record';

const admin = { id: 'p1', email: 'admin@grappes.test', roles: ['federation-admin' as const] };
const receivedAt = new Date('2026-12-03T10:00:00.000Z');

describe('the record of a request', () => {
  it('names the route pattern below the API prefix, the ids of its path, the caller and the status', () => {
    const record = requestCompletedOf(
      { method: 'POST', routePattern: '/api/v1/clusters/:id/members/:companyId/approve', path: '/api/v1/clusters/c1/members/k1/approve', params: { id: 'c1', companyId: 'k1' }, principal: { ...admin, companyId: 'k9' }, receivedAt },
      'api/v1',
      { status: 200 },
    );

    expect(record).toEqual({
      method: 'POST', route: '/clusters/:id/members/:companyId/approve', params: { id: 'c1', companyId: 'k1' },
      actorId: 'p1', actorEmail: 'admin@grappes.test', actorCompanyId: 'k9', receivedAt: '2026-12-03T10:00:00.000Z', status: 200,
    });
  });

  it('keeps the code of a refusal, and no actor when nobody signed in', () => {
    const record = requestCompletedOf({ method: 'POST', routePattern: '/api/v1/auth/login', path: '/api/v1/auth/login', params: {}, receivedAt }, 'api/v1', {
      ...ERRORS.BAD_CREDENTIALS, message: 'Bad credentials',
    });

    expect(record).toEqual({ method: 'POST', route: '/auth/login', params: {}, receivedAt: '2026-12-03T10:00:00.000Z', status: 401, code: 'AUTH.BAD_CREDENTIALS' });
  });

  it('is an event whose id is the request id, in the request trace, caused by nothing', () => {
    const envelope = runInContext({ correlationId: 'trace-1', causationId: 'req-1' }, () =>
      requestRecordOf('req-1', { method: 'DELETE', route: '/webhooks/:id', params: { id: 'w1' }, receivedAt: receivedAt.toISOString(), status: 204 }),
    );

    expect(envelope).toMatchObject({ id: 'req-1', type: GATEWAY_EVENTS.requestCompleted.type, subject: 'requests/req-1', correlationid: 'trace-1', source: '/grappes/gateway' });
    expect(envelope).not.toHaveProperty('causationid');
  });
});
