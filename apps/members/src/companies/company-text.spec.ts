import { nameMatches, searchWords } from './company-text';

describe('searchWords', () => {
  it('lower-cases and strips accents so that "boitiers" finds "Boîtiers"', () => {
    expect(searchWords('Boîtiers du Doubs')).toEqual(['boitiers', 'du', 'doubs']);
  });

  it('splits on punctuation and spells out ligatures', () => {
    expect(searchWords("Maîtrise d'Œuvre & Cie")).toEqual(['maitrise', 'd', 'oeuvre', 'cie']);
  });
});

describe('nameMatches', () => {
  it('asks that each query word begin a word of the name, accents and case ignored', () => {
    expect(nameMatches('Boît DOUBS')).toEqual([{ nameWords: { $regex: '^boit' } }, { nameWords: { $regex: '^doubs' } }]);
  });

  it('leaves nothing of the query that a regular expression would read as syntax', () => {
    expect(nameMatches('.*(a)+')).toEqual([{ nameWords: { $regex: '^a' } }]);
  });
});
