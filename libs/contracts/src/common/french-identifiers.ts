import { ValidationOptions, registerDecorator } from 'class-validator';

/** Luhn checksum over a string of digits (the check digit included). */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** SIREN: 9 digits, the last a Luhn check digit. */
export function isValidSiren(value: unknown): value is string {
  return typeof value === 'string' && /^\d{9}$/.test(value) && passesLuhn(value);
}

/** La Poste's establishments do not follow Luhn: their digit sum is a multiple of 5. */
const LA_POSTE_SIREN = '356000000';

/** SIRET: SIREN + 5-digit NIC, Luhn over all 14 digits (La Poste excepted). */
export function isValidSiret(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{14}$/.test(value)) return false;
  if (value.startsWith(LA_POSTE_SIREN)) {
    const digitSum = [...value].reduce((sum, d) => sum + Number(d), 0);
    return digitSum % 5 === 0;
  }
  return passesLuhn(value);
}

/** NAF/APE code as INSEE writes it, e.g. `26.52Z`. */
export function isValidNafCode(value: unknown): value is string {
  return typeof value === 'string' && /^\d{2}\.\d{2}[A-Z]$/.test(value);
}

function checkedBy(name: string, check: (v: unknown) => boolean, message: string) {
  return (options?: ValidationOptions): PropertyDecorator =>
    (target, propertyName) =>
      registerDecorator({
        name,
        target: target.constructor,
        propertyName: propertyName as string,
        options: { message, ...options },
        validator: { validate: check },
      });
}

export const IsSiren = checkedBy('isSiren', isValidSiren, '$property must be a SIREN: 9 digits with a valid check digit');
export const IsSiret = checkedBy('isSiret', isValidSiret, '$property must be a SIRET: 14 digits with a valid check digit');
export const IsNafCode = checkedBy('isNafCode', isValidNafCode, '$property must be a NAF code such as 26.52Z');
