import { toNfc } from './contract-validation.pipe';

describe('strings of a payload in NFC', () => {
  const decomposed = 'Zoe\u0301 Boi\u0302tiers';

  it('composes every string, however deep, so that visually identical strings are equal', () => {
    const query = Object.assign(Object.create(null), { q: decomposed });
    expect(toNfc({ name: decomposed, people: [{ email: 'zoe\u0301@x.example' }], query, count: 3 })).toEqual({
      name: 'Zoé Boîtiers', people: [{ email: 'zoé@x.example' }], query: { q: 'Zoé Boîtiers' }, count: 3,
    });
  });

  it('leaves class instances as they are', () => {
    const date = new Date(0);
    expect(toNfc({ at: date }).at).toBe(date);
  });
});
