import { MongoClient } from 'mongodb';
import { requireServer, testDatabaseOptions, waitFor } from '@grappes/testing';
import { ApiClient } from './support/client';
import { usePlatform } from './support/use-platform';

const errorContract = (statusCode: number, code: string) => ({ statusCode, code, message: expect.any(String), correlationId: expect.any(String) });

describe('the general rate limit', () => {
  const { platform } = usePlatform({ env: { RATE_LIMIT_PER_MINUTE: '15' } });

  it('answers 429 with Retry-After once a client passes RATE_LIMIT_PER_MINUTE requests', async () => {
    const anonymous = new ApiClient(platform.baseUrl);
    // The platform's start-up polled readiness too: count from a fresh window is not guaranteed, so send until refused.
    const statuses: number[] = [];
    let refused;
    for (let i = 0; i < 20 && !refused; i++) {
      const reply = await anonymous.get('/health/live');
      statuses.push(reply.status);
      if (reply.status === 429) refused = reply;
    }
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(15);
    expect(refused?.body).toEqual(errorContract(429, 'REQUEST.RATE_LIMITED'));
    expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('failures behind the gateway', () => {
  const { platform, admin } = usePlatform({
    env: { RPC_TIMEOUT_MS: '1000' },
    expectedErrors: [{ app: 'notifications', message: /createdAt\.toISOString is not a function/, because: 'the 500 test stores a notification whose date is text' }],
  });

  it('answers an unexpected failure with 500 "Internal error", without its internals', async () => {
    // A notification whose date was stored as text: the notifications service fails on it while listing the inbox.
    const me = (await admin.get('/me')).body;
    const client = await MongoClient.connect(requireServer('MONGODB_URI'), testDatabaseOptions);
    await client.db(platform.databaseOf('notifications')).collection('notifications').insertOne({
      _id: 'corrupt-1' as never, eventId: 'e-corrupt', recipientId: me.id, channel: 'inbox', kind: 'notice',
      type: 'company-updated', title: 't', body: 'b', data: {}, createdAt: 'not a date',
    });
    await client.close();

    const reply = await admin.get('/notifications', { 'x-correlation-id': 'internal-1' });
    expect(reply.status).toBe(500);
    expect(reply.body).toEqual({ statusCode: 500, code: 'INTERNAL', message: 'Internal error', correlationId: 'internal-1' });
    expect(JSON.stringify(reply.body)).not.toMatch(/toISOString|TypeError|\.ts:|\.js:|at /);
  });

  it('answers 504 when a service does not answer in time, and serves again once it does', async () => {
    platform.freezeService('workshops');
    try {
      const reply = await admin.get('/workshops');
      expect([reply.status, reply.body]).toEqual([504, errorContract(504, 'SERVICE.TIMEOUT')]);
    } finally {
      platform.freezeService('workshops', false);
    }
    await waitFor(async () => ((await admin.get('/workshops')).status === 200 ? true : undefined), 'workshops answering again');
  });

  it('answers 503 when a service is down, reports it not ready, and stays live', async () => {
    await platform.stopService('clusters');
    const reply = await admin.get('/clusters');
    expect([reply.status, reply.body]).toEqual([503, errorContract(503, 'SERVICE.UNAVAILABLE')]);

    const ready = await admin.get('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.details).toEqual({ nats: 'up', members: 'up', clusters: 'down', workshops: 'up', notifications: 'up', audit: 'up' });
    expect((await admin.get('/health/live')).status).toBe(200);
  });
});
