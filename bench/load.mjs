// One load generator for every figure: autocannon on loopback.
import autocannon from 'autocannon';

export const CONNECTIONS = 50;
/** BENCH_QUICK=1: shorter measurements, for iterating on a change (figures less steady). */
export const QUICK = process.env.BENCH_QUICK === '1';
export const DURATION_S = Number(process.env.BENCH_DURATION_S ?? (QUICK ? 3 : 10));

/** Requests/s, p50 and p99 (ms) of `url` at CONNECTIONS connections, and how many answers were not 2xx (or none came). */
export async function measure(url, headers = {}, { connections = CONNECTIONS, duration = DURATION_S } = {}) {
  await autocannon({ url, headers, connections, duration: 1 }); // warm-up: JIT, pools, caches
  const result = await autocannon({ url, headers, connections, duration });
  const failed = result.non2xx + result.errors + result.timeouts;
  return { rps: Math.round(result.requests.average), p50Ms: result.latency.p50, p99Ms: result.latency.p99, failed };
}
