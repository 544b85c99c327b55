import { searchWords } from './name-words';

describe('searchWords', () => {
  it('lower-cases and strips accents so that "boitiers" finds "Boîtiers"', () => {
    expect(searchWords('Boîtiers du Doubs')).toEqual(['boitiers', 'du', 'doubs']);
  });

  it('splits on punctuation and spells out ligatures', () => {
    expect(searchWords("Maîtrise d'Œuvre & Cie")).toEqual(['maitrise', 'd', 'oeuvre', 'cie']);
  });
});
