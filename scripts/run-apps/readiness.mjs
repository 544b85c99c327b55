// Waiting until the apps answer their readiness checks.

import { StartError } from './instances.mjs';

const POLL_MS = 300;
const READY_TIMEOUT_MS = 60_000;
const PROBE_TIMEOUT_MS = 3_000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A readiness answer: 200, or the status and which checks are down. */
async function probeReady(url) {
  try {
    const res = await fetch(url, {
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    const body = await res.json().catch(() => null);
    if (res.status === 200) return { ready: true };
    const down = Object.entries(body?.details ?? {})
      .filter(([, state]) => state === 'down')
      .map(([name]) => name);
    return {
      ready: false,
      last: `${res.status}${down.length ? `, down: ${down.join(', ')}` : ''}`,
    };
  } catch (err) {
    return { ready: false, last: err.cause?.code ?? err.name };
  }
}

/** Waits for each of `targets` (`{ label, url }`) in turn, within one deadline, unless `stopping()` says the start was given up. */
export async function waitUntilReady(targets, stopping) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (const { label, url } of targets) {
    let last = 'no answer';
    while (!stopping()) {
      const probe = await probeReady(url);
      if (probe.ready) break;
      last = probe.last;
      if (Date.now() >= deadline) {
        throw new StartError(
          `${label} was not ready within ${READY_TIMEOUT_MS / 1000} s at ${url} (last answer: ${last})`,
        );
      }
      await sleep(POLL_MS);
    }
  }
}
