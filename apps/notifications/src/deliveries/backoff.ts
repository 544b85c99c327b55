/** The longest wait between two attempts: a receiver down for a day is still tried a few times. */
const MAX_DELAY_MS = 6 * 3600_000;

/**
 * The wait before the attempt after attempt `n` (1-based): `base·2^(n−1)`,
 * capped, of which a random half is taken off ("equal jitter"), so that
 * deliveries that failed together (a receiver down) do not all come back at
 * the same instant.
 */
export function retryDelayMs(attempt: number, baseMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_DELAY_MS, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
