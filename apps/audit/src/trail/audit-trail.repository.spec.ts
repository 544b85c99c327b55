// The trail against a real MongoDB-wire server: one entry per recorded event
// however often it is delivered, the actor of a request given to the events it
// caused in either order of arrival, the filters, and the retention index.
import { MongooseModule, getConnectionToken, getModelToken } from '@nestjs/mongoose';
import { Test, TestingModule } from '@nestjs/testing';
import { requireServer, testDatabaseOptions, uniqueName } from '@grappes/testing';
import { Connection, Model } from 'mongoose';
import { AuditEntryRecord } from './audit-entry';
import { AuditEntry, AuditEntrySchema } from './audit-entry.schema';
import { AuditTrailRepository } from './audit-trail.repository';

let moduleRef: TestingModule;
let trail: AuditTrailRepository;
let entries: Model<AuditEntry>;

beforeAll(async () => {
  moduleRef = await Test.createTestingModule({
    imports: [
      MongooseModule.forRoot(requireServer('MONGODB_URI'), { ...testDatabaseOptions, dbName: uniqueName('audit_test') }),
      MongooseModule.forFeature([{ name: AuditEntry.name, schema: AuditEntrySchema }]),
    ],
    providers: [AuditTrailRepository],
  }).compile();
  await moduleRef.init();
  trail = moduleRef.get(AuditTrailRepository);
  entries = moduleRef.get(getModelToken(AuditEntry.name));
  await entries.init();
});

afterAll(async () => {
  await moduleRef?.get<Connection>(getConnectionToken()).dropDatabase();
  await moduleRef?.close();
});

const at = (minute: number) => new Date(Date.UTC(2026, 11, 3, 10, minute));
const actor = { personId: uniqueName('p'), email: `${uniqueName('ada')}@grappes.test`, companyId: 'k1' };

function request(overrides: Partial<AuditEntryRecord> = {}): AuditEntryRecord {
  return {
    _id: uniqueName('req'), kind: 'request', at: at(0), action: 'POST /clusters/:id/members', targets: [uniqueName('clusters/c')], actor,
    correlationId: uniqueName('trace'), outcome: { status: 201 }, expiresAt: at(0), ...overrides,
  };
}

function eventOf(cause: AuditEntryRecord, overrides: Partial<AuditEntryRecord> = {}): AuditEntryRecord {
  return {
    _id: uniqueName('evt'), kind: 'event', at: at(1), action: 'grappes.clusters.company-joined-cluster.v1', targets: cause.targets,
    correlationId: cause.correlationId, causationId: cause._id, outcome: {}, expiresAt: at(1), ...overrides,
  };
}

describe('the audit trail', () => {
  it('writes one entry for an event delivered twice', async () => {
    const entry = request();

    await trail.append(entry);
    await trail.append(entry);

    expect(await entries.countDocuments({ _id: entry._id })).toBe(1);
  });

  it('gives an event the actor of the request that caused it, whether the event or the request arrives first', async () => {
    const first = request();
    const before = eventOf(first);
    const second = request();
    const after = eventOf(second);

    await trail.append(before);
    await trail.append(first);
    await trail.append(second);
    await trail.append(after);

    const page = await trail.search({ correlationId: first.correlationId });
    expect(page.items.map((item) => [item.kind, item.actor])).toEqual([['event', actor], ['request', actor]]);
    expect((await trail.search({ correlationId: second.correlationId })).items.map((item) => item.actor)).toEqual([actor, actor]);
  });

  it('finds entries by actor id or e-mail, by target, and by time, newest first, a page at a time', async () => {
    const someone = { personId: uniqueName('p'), email: `${uniqueName('bea')}@grappes.test` };
    const target = uniqueName('companies/k');
    const older = request({ actor: someone, targets: [target], at: at(10) });
    const newer = request({ actor: someone, targets: [target], at: at(20), outcome: { status: 403, code: 'AUTH.FORBIDDEN' } });
    await trail.append(older);
    await trail.append(newer);
    await trail.append(request({ at: at(15) }));

    expect((await trail.search({ actor: someone.personId })).items.map((item) => item.id)).toEqual([newer._id, older._id]);
    expect((await trail.search({ actor: someone.email.toUpperCase() })).total).toBe(2);
    expect(await trail.search({ target, limit: 1, page: 2 })).toEqual({
      items: [expect.objectContaining({ id: older._id, action: 'POST /clusters/:id/members', outcome: { status: 201 } })], total: 2, page: 2, limit: 1,
    });
    expect((await trail.search({ target, from: '2026-12-03T11:15:00+01:00', to: '2026-12-03T11:25:00+01:00' })).items).toEqual([
      expect.objectContaining({ id: newer._id, outcome: { status: 403, code: 'AUTH.FORBIDDEN' }, at: at(20).toISOString() }),
    ]);
  });

  it('has the database remove an entry once its expiry has come', async () => {
    const indexes = await entries.collection.indexes();

    expect(indexes).toEqual(expect.arrayContaining([expect.objectContaining({ key: { expiresAt: 1 }, expireAfterSeconds: 0 })]));
  });
});
