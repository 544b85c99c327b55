// Account removal against a real MongoDB-wire server: the service with its real models, no relay running
// (events stay pending in the outbox, where the test reads them).
import { MongooseModule, getConnectionToken, getModelToken } from '@nestjs/mongoose';
import { Test, TestingModule } from '@nestjs/testing';
import { ERRORS, Principal } from '@grappes/contracts';
import { requireServer, testDatabaseOptions, uniqueName } from '@grappes/testing';
import { Connection, Model } from 'mongoose';
import { CompaniesService } from '../companies/companies.service';
import { Company, CompanySchema } from '../companies/company.schema';
import { EstablishmentSiret, EstablishmentSiretSchema, EstablishmentSirets } from '../companies/establishment-sirets';
import { MembersConfig } from '../members.config';
import { hashPassword } from './password';
import { PeopleService } from './people.service';
import { Person, PersonDocument, PersonSchema } from './person.schema';
import { RemovedPerson, RemovedPersonDocument, RemovedPersonSchema } from './removed-person.schema';

const MONGODB_URI = requireServer('MONGODB_URI');
const PASSWORD = 'Morteau-1900';
const staff: Principal = { id: 'staff-1', email: 'staff@grappes.test', roles: ['federation-admin'] };

let moduleRef: TestingModule;
let service: PeopleService;
let people: Model<PersonDocument>;
let removedPeople: Model<RemovedPersonDocument>;
let companyId: string;

beforeAll(async () => {
  moduleRef = await Test.createTestingModule({
    imports: [
      MongooseModule.forRoot(MONGODB_URI, { ...testDatabaseOptions, dbName: uniqueName('members_people_test') }),
      MongooseModule.forFeature([
        { name: Person.name, schema: PersonSchema },
        { name: RemovedPerson.name, schema: RemovedPersonSchema },
        { name: Company.name, schema: CompanySchema },
        { name: EstablishmentSiret.name, schema: EstablishmentSiretSchema },
      ]),
    ],
    providers: [PeopleService, CompaniesService, EstablishmentSirets, { provide: MembersConfig, useValue: Object.assign(new MembersConfig(), { PASSWORD_HASH_COST_LOG2: 10 }) }],
  }).compile();
  service = moduleRef.get(PeopleService);
  people = moduleRef.get(getModelToken(Person.name));
  removedPeople = moduleRef.get(getModelToken(RemovedPerson.name));
  await Promise.all([people.init(), removedPeople.init()]);
  const company = await moduleRef.get(CompaniesService).register(
    { name: 'Boîtiers du Saugeais', siren: '732829320', category: 'components-and-microtechnics', capabilities: ['cases'], region: 'Bourgogne-Franche-Comté', city: 'Morteau' },
    staff,
  );
  companyId = company.id;
});

afterAll(async () => {
  await moduleRef?.get<Connection>(getConnectionToken()).dropDatabase();
  await moduleRef?.close();
});

const addLea = (email = 'lea@saugeais.example') =>
  service.add({ companyId, email, firstName: 'Léa', lastName: 'Vuillemin', role: 'member', password: PASSWORD }, staff);

describe('PeopleService: removing an account', () => {
  it('deletes the account and archives it with its person-removed event, after its unpublished events', async () => {
    const lea = await addLea();

    await service.remove({ companyId, personId: lea.id }, staff);

    expect(await people.exists({ _id: lea.id })).toBeNull();
    const archived = await removedPeople.findById(lea.id).lean<RemovedPersonDocument>();
    expect(archived).toMatchObject({
      companyId, email: 'lea@saugeais.example', firstName: 'Léa', lastName: 'Vuillemin', role: 'member', removedBy: staff.id, version: 2,
    });
    expect(archived?.removedAt).toBeInstanceOf(Date);
    expect(archived?.pendingEvents.map((e) => e.type)).toEqual(['grappes.members.person-added.v1', 'grappes.members.person-removed.v1']);
    expect(archived?.pendingEvents[1]).toMatchObject({
      subject: `people/${lea.id}`, aggregateversion: 2, data: { personId: lea.id, companyId, email: 'lea@saugeais.example', version: 2 },
    });
  });

  it('frees the e-mail for a new account, and the removed person can no longer log in', async () => {
    const first = await addLea('anne@saugeais.example');
    await service.remove({ companyId, personId: first.id }, staff);

    await expect(service.verify({ email: 'anne@saugeais.example', password: PASSWORD })).rejects.toMatchObject({ code: ERRORS.BAD_CREDENTIALS.code });
    const again = await addLea('Anne@Saugeais.example');

    expect(again.id).not.toBe(first.id);
    expect((await service.verify({ email: 'anne@saugeais.example', password: PASSWORD })).id).toBe(again.id);
    expect((await service.list(companyId, staff)).filter((p) => p.email === 'anne@saugeais.example').map((p) => p.id)).toEqual([again.id]);
  });

  it('refuses a second removal of the same account as not found', async () => {
    const lea = await addLea('paul@saugeais.example');
    await service.remove({ companyId, personId: lea.id }, staff);

    await expect(service.remove({ companyId, personId: lea.id }, staff)).rejects.toMatchObject({ code: ERRORS.PERSON_NOT_FOUND.code });
  });

  it('lets one of two concurrent removals through and refuses the other as a concurrent change, archiving once', async () => {
    const lea = await addLea('marie@saugeais.example');

    const outcomes = await Promise.allSettled([service.remove({ companyId, personId: lea.id }, staff), service.remove({ companyId, personId: lea.id }, staff)]);

    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(outcomes.find((o) => o.status === 'rejected')).toMatchObject({ reason: { code: ERRORS.CONCURRENT_CHANGE.code } });
    const archived = await removedPeople.find({ _id: lea.id }).lean<RemovedPersonDocument[]>();
    expect(archived).toHaveLength(1);
    expect(archived[0].pendingEvents.filter((e) => e.type === 'grappes.members.person-removed.v1')).toHaveLength(1);
  });
});

describe('PeopleService: signing in after the hash cost setting changed', () => {
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const refusalMs = async (email: string) => {
    const started = performance.now();
    await expect(service.verify({ email, password: 'not-the-password' })).rejects.toMatchObject({ code: ERRORS.BAD_CREDENTIALS.code });
    return performance.now() - started;
  };

  it('refuses an account hashed at the old cost no faster or slower than an unknown e-mail', async () => {
    // The service hashes at cost 10; this account was hashed when the setting was 13, eight times slower.
    const zoe = await addLea('zoe.timing@saugeais.example');
    await people.updateOne({ _id: zoe.id }, { $set: { passwordHash: await hashPassword(PASSWORD, 13) } });
    const [known, unknown]: number[][] = [[], []];
    for (let i = 0; i < 7; i++) {
      known.push(await refusalMs('zoe.timing@saugeais.example'));
      unknown.push(await refusalMs(`nobody-${i}@saugeais.example`));
    }
    expect(median(unknown) / median(known)).toBeGreaterThan(0.6);
    expect(median(unknown) / median(known)).toBeLessThan(1.6);
  });

  it('rehashes a password made at another cost at the first sign-in, at the current cost', async () => {
    const max = await addLea('max.rehash@saugeais.example');
    await people.updateOne({ _id: max.id }, { $set: { passwordHash: await hashPassword(PASSWORD, 11) } });

    await service.verify({ email: 'max.rehash@saugeais.example', password: PASSWORD });

    const stored = (await people.findById(max.id).lean())!.passwordHash;
    expect(stored).toMatch(/^scrypt\$10\$/);
    await expect(service.verify({ email: 'max.rehash@saugeais.example', password: PASSWORD })).resolves.toMatchObject({ id: max.id });
  });
});

describe("PeopleService: an account's language", () => {
  const principalOf = (view: { id: string; email: string }): Principal => ({ id: view.id, email: view.email, companyId, roles: ['member'] });
  const eventsOf = async (id: string) => (await people.findById(id).lean<PersonDocument>())!.pendingEvents;

  it('is French unless chosen when the account is opened, and person-added says which', async () => {
    const lea = await addLea('zoe@saugeais.example');
    const tom = await service.add({ companyId, email: 'tom@saugeais.example', firstName: 'Tom', lastName: 'Girod', role: 'member', password: PASSWORD, locale: 'en' }, staff);

    expect([(await service.account(principalOf(lea))).locale, (await service.account(principalOf(tom))).locale]).toEqual(['fr', 'en']);
    expect((await eventsOf(tom.id))[0].data).toMatchObject({ personId: tom.id, locale: 'en', version: 1 });
  });

  it('changes when the person chooses another, with a person-updated event carrying the whole person', async () => {
    const lea = await addLea('ines@saugeais.example');

    const after = await service.chooseLocale(principalOf(lea), 'en');

    expect(after).toEqual({ id: lea.id, email: 'ines@saugeais.example', companyId, roles: ['member'], locale: 'en' });
    const [, updated] = await eventsOf(lea.id);
    expect(updated).toMatchObject({
      type: 'grappes.members.person-updated.v1', aggregateversion: 2,
      data: { personId: lea.id, email: 'ines@saugeais.example', firstName: 'Léa', lastName: 'Vuillemin', role: 'member', companyId, locale: 'en', version: 2 },
    });
    await service.chooseLocale(principalOf(lea), 'en');
    expect(await eventsOf(lea.id)).toHaveLength(2);
  });
});
