/** Reading the Prometheus text that every app serves on `GET /metrics`. */

type Labels = Record<string, string>;

function samples(text: string, name: string, labels: Labels): number[] {
  return text
    .split('\n')
    .filter((l) => (l.startsWith(`${name}{`) || l.startsWith(`${name} `)) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)))
    .map((l) => Number(l.slice(l.lastIndexOf(' ') + 1)));
}

/** The value of the first sample of `name` whose labels include all of `labels`; 0 when there is none yet. */
export function sample(text: string, name: string, labels: Labels = {}): number {
  return samples(text, name, labels)[0] ?? 0;
}

/** The sum of every sample of `name` whose labels include all of `labels` (e.g. over all outcomes). */
export function sumOf(text: string, name: string, labels: Labels = {}): number {
  return samples(text, name, labels).reduce((sum, value) => sum + value, 0);
}
