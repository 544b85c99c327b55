import { passesLuhn } from '@grappes/contracts';

/** Completes digits with the Luhn check digit that makes them a valid SIREN or SIRET. */
export function withCheckDigit(digits: string): string {
  return [...'0123456789'].map((d) => digits + d).find(passesLuhn)!;
}

/** A valid SIREN from 8 digits: `siren('12345678')`. */
export const siren = (eightDigits: string) => withCheckDigit(eightDigits);

/** A valid SIRET of an establishment of that SIREN: `siret(siren, '0001')`. */
export const siret = (sirenOfCompany: string, fourDigits: string) => withCheckDigit(sirenOfCompany + fourDigits);
