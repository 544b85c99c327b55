// Against a real MongoDB-wire server: SIRETs listed before they were recorded in establishment_sirets.
import { MongooseModule, getConnectionToken, getModelToken } from '@nestjs/mongoose';
import { Test, TestingModule } from '@nestjs/testing';
import { ERRORS } from '@grappes/contracts';
import { requireServer, testDatabaseOptions, uniqueName } from '@grappes/testing';
import { Connection, Model } from 'mongoose';
import { Company, CompanyDocument, CompanySchema } from './company.schema';
import { EstablishmentSiret, EstablishmentSiretSchema, EstablishmentSirets } from './establishment-sirets';

let moduleRef: TestingModule;

beforeAll(async () => {
  moduleRef = await Test.createTestingModule({
    imports: [
      MongooseModule.forRoot(requireServer('MONGODB_URI'), { ...testDatabaseOptions, dbName: uniqueName('members_sirets_test') }),
      MongooseModule.forFeature([
        { name: Company.name, schema: CompanySchema },
        { name: EstablishmentSiret.name, schema: EstablishmentSiretSchema },
      ]),
    ],
    providers: [EstablishmentSirets],
  }).compile();
});

afterAll(async () => {
  await moduleRef?.get<Connection>(getConnectionToken()).dropDatabase();
  await moduleRef?.close();
});

describe("establishments' SIRETs recorded before this record existed", () => {
  it('gives them to their company at start-up, so that another company is refused them, twice without harm', async () => {
    const companies = moduleRef.get<Model<CompanyDocument>>(getModelToken(Company.name));
    await companies.collection.insertOne({ _id: 'old-co' as never, name: 'Ancienne', siren: '732829320', establishments: [{ siret: '73282932000074' }] });
    const sirets = moduleRef.get(EstablishmentSirets);

    await sirets.onApplicationBootstrap();
    await sirets.onApplicationBootstrap();

    await expect(sirets.claim('new-co', ['73282932000074'])).rejects.toMatchObject({ code: ERRORS.COMPANY_SIRET_TAKEN.code, status: 409 });
    await expect(sirets.claim('old-co', ['73282932000074'])).resolves.toEqual([]);
  });

  it('records the missing ones of many companies in one start and leaves a SIRET already held to its holder', async () => {
    const companies = moduleRef.get<Model<CompanyDocument>>(getModelToken(Company.name));
    const held = moduleRef.get<Model<EstablishmentSiret>>(getModelToken(EstablishmentSiret.name));
    const many = Array.from({ length: 200 }, (_, i) => ({
      _id: `co-${i}` as never, name: `Atelier ${i}`, siren: String(100000000 + i), establishments: [{ siret: `${100000000 + i}${String(i).padStart(5, '0')}` }],
    }));
    await companies.collection.insertMany(many);
    await held.create({ _id: many[7].establishments[0].siret, companyId: 'someone-else' });
    await held.create({ _id: many[8].establishments[0].siret, companyId: 'co-8' });

    await moduleRef.get(EstablishmentSirets).onApplicationBootstrap();

    const holders = new Map((await held.find({ _id: { $in: many.map((c) => c.establishments[0].siret) } }).lean()).map((s) => [s._id, s.companyId]));
    expect(holders.size).toBe(200);
    expect(holders.get(many[7].establishments[0].siret)).toBe('someone-else');
    expect(many.filter((c, i) => i !== 7 && holders.get(c.establishments[0].siret) !== c._id)).toEqual([]);
  });
});
