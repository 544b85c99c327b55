import { isValidSiren } from '@grappes/contracts';

/** A SIREN no other test of the run uses: eight digits from `seed`, and the check digit that makes them valid. */
export function sirenFrom(seed: number): string {
  const prefix = String(seed % 100_000_000).padStart(8, '0');
  return [...'0123456789'].map((digit) => prefix + digit).find(isValidSiren)!;
}
