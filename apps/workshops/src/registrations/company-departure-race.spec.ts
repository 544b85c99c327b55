// A registration racing its company's departure, against the real database: the workshops service's own
// modules, no relay and no NATS (the events stay in the outboxes). The orderings are forced by holding the
// registration at a chosen step while the departure is handled.
import { Global, Module } from '@nestjs/common';
import { MongooseModule, getConnectionToken, getModelToken } from '@nestjs/mongoose';
import { Test, TestingModule } from '@nestjs/testing';
import { CLUSTERS_EVENTS, MEMBERS_EVENTS, Principal, RegistrationOutcome } from '@grappes/contracts';
import { RpcClient, createEvent } from '@grappes/messaging';
import { requireServer, testDatabaseOptions, uniqueName } from '@grappes/testing';
import { Connection, Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { KnownMembership, membershipKey } from '../clusters/known-membership.schema';
import { Workshop, WorkshopDocument } from '../workshops/workshop.schema';
import { CancelledRegistration } from './cancelled-registration.schema';
import { CompanyDeparturesEventHandlers } from './company-departures.event-handlers';
import { Registration } from './registration.schema';
import { RegistrationsModule } from './registrations.module';
import { RegistrationsService } from './registrations.service';
import { Seats } from './seats';

const MONGODB_URI = requireServer('MONGODB_URI');
const DAY_MS = 24 * 3600_000;
const clusterId = 'cluster-cadrans';

/**
 * The clusters service, asked when the local view does not count a company a member: here only after the
 * company left, so it has no member to name.
 */
@Global()
@Module({ providers: [{ provide: RpcClient, useValue: { send: async () => ({ members: [] }) } }], exports: [RpcClient] })
class ClustersServiceAfterDeparturesModule {}

let moduleRef: TestingModule;
let registrationsService: RegistrationsService;
let departures: CompanyDeparturesEventHandlers;
let seats: Seats;
let workshops: Model<WorkshopDocument>;
let registrations: Model<Registration>;
let cancelled: Model<CancelledRegistration>;
let memberships: Model<KnownMembership>;

beforeAll(async () => {
  moduleRef = await Test.createTestingModule({
    imports: [MongooseModule.forRoot(MONGODB_URI, { ...testDatabaseOptions, dbName: uniqueName('workshops_departures') }), ClustersServiceAfterDeparturesModule, RegistrationsModule],
  }).compile();
  registrationsService = moduleRef.get(RegistrationsService);
  departures = moduleRef.get(CompanyDeparturesEventHandlers);
  seats = moduleRef.get(Seats);
  workshops = moduleRef.get(getModelToken(Workshop.name));
  registrations = moduleRef.get(getModelToken(Registration.name));
  cancelled = moduleRef.get(getModelToken(CancelledRegistration.name));
  memberships = moduleRef.get(getModelToken(KnownMembership.name));
  const connection = moduleRef.get<Connection>(getConnectionToken());
  // Collections exist before the transactions write to them.
  await Promise.all(Object.values(connection.models).map((model) => model.createCollection().then(() => model.syncIndexes())));
});

afterAll(async () => {
  await moduleRef?.get<Connection>(getConnectionToken()).dropDatabase();
  await moduleRef?.close();
});

afterEach(() => jest.restoreAllMocks());

const adminOf = (companyId: string): Principal => ({ id: `admin-${companyId}`, email: `admin@${companyId}.example`, companyId, roles: ['company-admin'] });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function aWorkshop(inCluster: boolean): Promise<string> {
  const _id = randomUUID();
  const startsAt = new Date(Date.now() + DAY_MS);
  await workshops.create({
    _id, title: 'Polissage des boîtiers', theme: 'cases', ...(inCluster ? { clusterId } : {}),
    startsAt, endsAt: new Date(startsAt.getTime() + 3600_000), location: 'Morteau', capacity: 5, version: 1, pendingEvents: [],
  });
  return _id;
}

/** A company member of the cluster, as the clusters service's events told. */
async function aMemberCompany(): Promise<string> {
  const companyId = `company-${randomUUID()}`;
  await memberships.create({ _id: membershipKey(clusterId, companyId), clusterId, companyId, joined: true, version: 1 });
  return companyId;
}

/** The two ways a company departs, each as the event this service receives. */
const DEPARTURES = [
  {
    event: 'company-deactivated',
    inCluster: false,
    refusedWith: 'COMPANY.NOT_ACTIVE',
    deliver: (companyId: string) =>
      departures.deactivated(createEvent(MEMBERS_EVENTS.companyDeactivated, { subject: `companies/${companyId}`, version: 3 }, {
        companyId, name: 'Partante SA', siren: '732829320', category: 'components-and-microtechnics', capabilities: ['cases'],
        region: 'Bourgogne-Franche-Comté', status: 'left', version: 3,
      })),
  },
  {
    event: 'company-left-cluster',
    inCluster: true,
    refusedWith: 'WORKSHOP.COMPANY_NOT_IN_CLUSTER',
    deliver: (companyId: string) =>
      departures.leftCluster(createEvent(CLUSTERS_EVENTS.companyLeftCluster, { subject: `clusters/${clusterId}/members/${companyId}`, version: 2 }, {
        clusterId, clusterName: 'Grappe Cadrans', theme: 'cases', companyId, companyName: 'Partante SA', leftAt: new Date().toISOString(), version: 2,
      })),
  },
] as const;

/**
 * Holds every call of `target[method]` at its start until released. `reached` settles when the first
 * call arrives.
 */
function holdAt<T extends object>(target: T, method: keyof T & string) {
  let arrive!: () => void;
  let release!: () => void;
  const reached = new Promise<void>((resolve) => (arrive = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  const original = (target[method] as (...args: unknown[]) => unknown).bind(target);
  jest.spyOn(target as Record<string, (...args: unknown[]) => unknown>, method).mockImplementation(async (...args: unknown[]) => {
    arrive();
    await released;
    return original(...args);
  });
  return { reached, release };
}

/** As JetStream does: a delivery that fails is delivered again, a little later. */
async function deliverUntilHandled(deliver: () => Promise<void>, onFirstAttempt: () => void): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await deliver();
    } catch (error) {
      if (attempt >= 40) throw error;
      await sleep(50);
    } finally {
      if (attempt === 1) onFirstAttempt();
    }
  }
}

const outcome = (registering: Promise<RegistrationOutcome>) =>
  registering.then((r) => r.status, (error: { code?: string }) => error.code ?? String(error));

describe.each(DEPARTURES)('a registration racing $event', ({ inCluster, refusedWith, deliver }) => {
  it('is refused when the departure is handled after its checks and before its transaction', async () => {
    const workshopId = await aWorkshop(inCluster);
    const companyId = await aMemberCompany();
    const hold = holdAt(seats, 'take');

    const registering = outcome(registrationsService.register({ workshopId, companyId, attendeeEmail: 'lea@partante.example' }, adminOf(companyId)));
    await hold.reached;
    await deliverUntilHandled(() => deliver(companyId), () => undefined);
    hold.release();

    expect(await registering).toBe(refusedWith);
    expect(await registrations.countDocuments({ companyId })).toBe(0);
    expect(await workshops.findById(workshopId).lean()).toMatchObject({ confirmed: 0, waitlisted: 0 });
  });

  it('is cancelled, or refused, when the departure is handled while its transaction is open', async () => {
    const workshopId = await aWorkshop(inCluster);
    const companyId = await aMemberCompany();
    // Held as it takes its seat: the registration is written, and so is its company's standing or membership.
    const hold = holdAt(seats as unknown as { bump: () => Promise<unknown> }, 'bump');

    const registering = outcome(registrationsService.register({ workshopId, companyId, attendeeEmail: 'lea@partante.example' }, adminOf(companyId)));
    await hold.reached;
    let firstAttemptOver!: () => void;
    const firstAttempt = new Promise<void>((resolve) => (firstAttemptOver = resolve));
    const departing = deliverUntilHandled(() => deliver(companyId), () => firstAttemptOver());
    // The departure's first attempt either ends (handled, or refused by the open transaction) or waits for that
    // transaction to end: in both cases the registration may go on.
    await Promise.race([firstAttempt, sleep(1_000)]);
    hold.release();
    const result = await registering;
    await departing;

    expect(['confirmed', refusedWith]).toContain(result);
    expect(await registrations.countDocuments({ companyId })).toBe(0);
    expect(await workshops.findById(workshopId).lean()).toMatchObject({ confirmed: 0, waitlisted: 0 });
    const archived = await cancelled.find({ companyId }).lean<CancelledRegistration[]>();
    expect(archived.map((r) => r.reason)).toEqual(result === 'confirmed' ? [expect.stringMatching(/^company-/)] : []);
  });

  it('is refused once the departure has been handled, and the departure delivered again changes nothing', async () => {
    const workshopId = await aWorkshop(inCluster);
    const companyId = await aMemberCompany();
    await registrationsService.register({ workshopId, companyId, attendeeEmail: 'anne@partante.example' }, adminOf(companyId));

    await deliver(companyId);
    await deliver(companyId);

    expect(await outcome(registrationsService.register({ workshopId, companyId, attendeeEmail: 'lea@partante.example' }, adminOf(companyId)))).toBe(refusedWith);
    expect(await registrations.countDocuments({ companyId })).toBe(0);
    expect((await cancelled.find({ companyId }).lean<CancelledRegistration[]>()).length).toBe(1);
    expect(await workshops.findById(workshopId).lean()).toMatchObject({ confirmed: 0, waitlisted: 0 });
  });
});
