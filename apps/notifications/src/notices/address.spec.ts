// The two sides of order independence must agree: the people a notice's
// address selects (recipientFilter) and the notices a person selects
// (noticeFilter) both say what `reaches` says. Checked on every combination of
// a few people and addresses, against a real MongoDB-wire server.
import { requireServer, testDatabaseOptions, uniqueName } from '@grappes/testing';
import mongoose, { Connection } from 'mongoose';
import { Address, AddressablePerson, noticeFilter, reaches, recipientFilter } from './address';

const AT = new Date('2026-03-02T09:00:00.000Z');
const [BEFORE, AFTER] = [new Date('2026-03-01T09:00:00.000Z'), new Date('2026-03-03T09:00:00.000Z')];

const people: (AddressablePerson & { _id: string })[] = [];
for (const role of ['federation-admin', 'company-admin', 'member']) {
  for (const companyId of role === 'federation-admin' ? [undefined] : ['c1', 'c2']) {
    for (const addedAt of [BEFORE, AFTER, undefined]) {
      for (const email of ['ada@doubs.example', 'leo@doubs.example']) {
        people.push({ _id: `p${people.length}`, role, companyId, addedAt, email });
      }
    }
  }
}

const nobody: Address = { staff: false, companies: [], adminsOf: [], anyCompany: false, emails: [], except: [], at: AT };
const addresses: (Address & { _id: string })[] = [
  { ...nobody, staff: true },
  { ...nobody, companies: ['c1'] },
  { ...nobody, adminsOf: ['c2'] },
  { ...nobody, anyCompany: true },
  { ...nobody, emails: ['ada@doubs.example'] },
  { ...nobody, adminsOf: ['c1'], except: ['ada@doubs.example'] },
  { ...nobody, staff: true, companies: ['c2'], emails: ['leo@doubs.example'], except: ['ada@doubs.example'] },
  nobody,
].map((a, i) => ({ ...a, _id: `a${i}` }));

let db: Connection;

beforeAll(async () => {
  db = await mongoose.createConnection(requireServer('MONGODB_URI'), { ...testDatabaseOptions, dbName: uniqueName('notifications_address') }).asPromise();
  await db.collection('recipients').insertMany(people.map((p) => ({ ...p, removed: false })) as never[]);
  await db.collection('notices').insertMany(addresses as never[]);
});

afterAll(async () => {
  await db?.dropDatabase();
  await db?.close();
});

describe('an address and the people it reaches', () => {
  it.each(addresses.map((a) => [a._id, a] as const))('selects from the recipients exactly the people address %s reaches', async (_id, address) => {
    const filter = recipientFilter(address);
    const found = filter ? await db.collection('recipients').find(filter).toArray() : [];

    expect(found.map((p) => p._id).sort()).toEqual(people.filter((p) => reaches(address, p)).map((p) => p._id).sort());
  });

  it('selects from the notices exactly the addresses that reach each person', async () => {
    for (const person of people) {
      const found = await db.collection('notices').find(noticeFilter(person)).toArray();

      expect({ person, addresses: found.map((a) => a._id).sort() }).toEqual({
        person, addresses: addresses.filter((a) => reaches(a, person)).map((a) => a._id).sort(),
      });
    }
  });

  it('reaches staff, whole companies, admins, any company person and named e-mails, none added after its moment but the named', () => {
    const ada = (over: Partial<AddressablePerson>): AddressablePerson => ({ email: 'ada@doubs.example', role: 'member', companyId: 'c1', addedAt: BEFORE, ...over });

    expect(reaches(addresses[0], ada({ role: 'federation-admin', companyId: undefined }))).toBe(true);
    expect(reaches(addresses[0], ada({ role: 'federation-admin', companyId: undefined, addedAt: AFTER }))).toBe(false);
    expect(reaches(addresses[2], ada({ role: 'member', companyId: 'c2' }))).toBe(false);
    expect(reaches(addresses[2], ada({ role: 'company-admin', companyId: 'c2' }))).toBe(true);
    expect(reaches(addresses[4], ada({ companyId: undefined, addedAt: AFTER }))).toBe(true);
    expect(reaches(addresses[5], ada({ role: 'company-admin' }))).toBe(false);
  });
});
