import { isValidNafCode, isValidSiren, isValidSiret } from './french-identifiers';

describe('SIREN', () => {
  it.each([
    ['732829320', true, 'a valid SIREN'],
    ['443061841', true, 'another valid SIREN'],
    ['000000000', true, 'leading zeros kept (the string, not a number)'],
    ['012345674', true, 'a leading zero with a valid check digit'],
    ['732829321', false, 'a wrong check digit'],
    ['73282932', false, 'eight digits'],
    ['7328293200', false, 'ten digits'],
    ['73282932A', false, 'a letter'],
    [' 732829320', false, 'surrounding space'],
  ])('%s is %s (%s)', (siren, valid) => {
    expect(isValidSiren(siren)).toBe(valid);
  });

  it('refuses a number where a string is expected (leading zeros would be lost)', () => {
    expect(isValidSiren(732829320)).toBe(false);
  });
});

describe('SIRET', () => {
  it.each([
    ['73282932000074', true, 'a valid SIRET'],
    ['73282932000075', false, 'a wrong check digit'],
    ['7328293200007', false, 'thirteen digits'],
    ['7328293200007X', false, 'a letter'],
    ['35600000000010', true, 'La Poste: digit sum 15, a multiple of 5'],
    ['35600000000048', false, 'La Poste: Luhn-valid but digit sum 26'],
    ['35600000049837', true, 'La Poste: digit sum 45, although not Luhn-valid'],
    ['35600000000049', false, 'La Poste: digit sum 27'],
  ])('%s is %s (%s)', (siret, valid) => {
    expect(isValidSiret(siret)).toBe(valid);
  });
});

describe('NAF code', () => {
  it.each([
    ['26.52Z', true],
    ['95.25Z', true],
    ['25.62A', true],
    ['2652Z', false],
    ['26.52z', false],
  ])('%s is %s', (code, valid) => {
    expect(isValidNafCode(code)).toBe(valid);
  });
});
