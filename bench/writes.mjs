// Joins at a fixed rate: their HTTP latency, how soon each one's notification
// is stored, and the highest rate taken with the outbox keeping up.
import autocannon from 'autocannon';
import { MongoClient } from 'mongodb';
import { QUICK } from './load.mjs';
import { siren } from './siren.mjs';

const THEMES = ['movements', 'cases', 'dials', 'straps', 'jewellery-watches', 'assembly', 'process-automation', 'project-management', 'logistics', 'after-sales'];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function post(api, path, body) {
  const response = await fetch(`${api.baseUrl}${path}`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${api.token}` }, body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** `clusters` open clusters and `companies` companies: every pair is one join to make. */
async function pairs(api, run, { clusters, companies }) {
  const companyIds = [];
  for (let i = 0; i < companies; i++) {
    const company = await post(api, '/companies', {
      name: `Banc ${run}-${i}`, siren: siren(run * 10_000 + i), category: 'components-and-microtechnics',
      capabilities: [THEMES[i % THEMES.length]], region: 'Bourgogne-Franche-Comté',
    });
    companyIds.push(company.id);
  }
  const list = [];
  for (let c = 0; c < clusters; c++) {
    const cluster = await post(api, '/clusters', { name: `Grappe banc ${run}-${c}`, theme: THEMES[c % THEMES.length], admission: 'open' });
    for (const companyId of companyIds) list.push([cluster.id, companyId]);
  }
  return list;
}

function joins(api, list, { rate, connections = 20 }) {
  let next = 0;
  const path = new URL(api.baseUrl).pathname;
  return autocannon({
    url: new URL(api.baseUrl).origin,
    connections,
    amount: list.length,
    ...(rate ? { overallRate: rate } : {}),
    requests: [{
      method: 'POST',
      setupRequest: (request) => {
        const [clusterId, companyId] = list[next++ % list.length];
        return {
          ...request, path: `${path}/clusters/${clusterId}/members`, body: JSON.stringify({ companyId }),
          headers: { 'content-type': 'application/json', authorization: `Bearer ${api.token}` },
        };
      },
    }],
  });
}

/** Milliseconds from each join's commit to its notification's, once every one is stored. */
async function notificationDelays(mongoUri, expected, since) {
  const client = await MongoClient.connect(mongoUri);
  try {
    const notifications = client.db('grappes-notifications').collection('notifications');
    const filter = { type: 'company-joined-cluster', createdAt: { $gte: since } };
    const deadline = Date.now() + 120_000;
    let found = [];
    while (Date.now() < deadline) {
      found = await notifications.find(filter, { projection: { createdAt: 1, 'data.joinedAt': 1 } }).toArray();
      if (found.length >= expected) break;
      await sleep(500);
    }
    return found.filter((n) => n.data?.joinedAt).map((n) => n.createdAt.getTime() - Date.parse(n.data.joinedAt)).sort((a, b) => a - b);
  } finally {
    await client.close();
  }
}

const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : null);

/**
 * 200 joins a second for 30 s (6,000 distinct pairs, made first), then joins
 * as fast as 20 connections send them: the rate taken, provided every
 * notification is stored within 5 s after the last join.
 */
export async function writes(api, mongoUri, { rate = Number(process.env.BENCH_JOIN_RATE ?? 200), seconds = Number(process.env.BENCH_JOIN_SECONDS ?? (QUICK ? 10 : 30)) } = {}) {
  const total = rate * seconds;
  const steady = await pairs(api, 1, { clusters: Math.ceil(total / 100), companies: 100 });
  const since = new Date();
  const paced = await joins(api, steady.slice(0, total), { rate });
  if (paced.non2xx + paced.errors > 0) throw new Error(`joins: ${paced.non2xx} non-2xx, ${paced.errors} errors`);
  // Each join tells the federation admin: one notification per join.
  const delays = await notificationDelays(mongoUri, total, since);

  const burst = await pairs(api, 2, { clusters: Number(process.env.BENCH_BURST_CLUSTERS ?? (QUICK ? 10 : 40)), companies: 100 });
  const burstSince = new Date();
  const flat = await joins(api, burst, { connections: 20 });
  const burstDelays = await notificationDelays(mongoUri, burst.length, burstSince);
  const keptUp = burstDelays.length >= burst.length && percentile(burstDelays, 100) <= 5_000;
  return {
    joinHttpP99Ms: paced.latency.p99,
    joinToNotificationP50Ms: percentile(delays, 50),
    joinToNotificationP99Ms: percentile(delays, 99),
    maxJoinsPerSecond: keptUp ? Math.round(flat.requests.average) : null,
    joinBurst: { joinsPerSecond: Math.round(flat.requests.average), notifiedWithinMs: percentile(burstDelays, 100), notified: burstDelays.length, sent: burst.length },
  };
}
