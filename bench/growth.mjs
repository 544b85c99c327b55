// Growth: the kick-off data made 100× larger (3,000 companies, 30,000
// notifications), written straight into the services' databases in bulk. Each
// new document is a copy of one the platform itself wrote for the kick-off,
// with its identity changed (id, SIREN, name and its derived search fields,
// event id and date), so it is shaped exactly as the platform writes it.
import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { siren } from './siren.mjs';

const BATCH = 1_000;
/** The kick-off's size as the issue counts it: growing by 100 gives 3,000 companies and 30,000 notifications. */
const KICK_OFF = { companies: 30, notifications: 300 };

/** The directory's search fields, as members derives them from a name (apps/members/src/companies/company-text.ts). */
function nameIndex(name) {
  const nameWords = name.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().replace(/œ/g, 'oe').replace(/æ/g, 'ae')
    .split(/[^a-z0-9]+/).filter(Boolean);
  return { nameWords, sortName: nameWords.join(' ') };
}

async function insertAll(collection, documents) {
  for (let i = 0; i < documents.length; i += BATCH) await collection.insertMany(documents.slice(i, i + BATCH), { ordered: false });
}

/** `count` copies of the originals, taken in turn; `copyOf(original, n)` makes the n-th. */
function copies(originals, count, copyOf) {
  return Array.from({ length: Math.max(0, count) }, (_, n) => copyOf(originals[n % originals.length], n));
}

/**
 * Copies the kick-off's companies and notifications, in turn, until there are
 * `factor` times the kick-off's numbers. The copies have no establishments
 * (their SIRETs would need registering too) and nothing left in their outbox.
 * Copied notifications are dated earlier than the kick-off's, as an older
 * history would be, and reach the same people in the same proportions.
 */
export async function growTo(mongoUri, factor) {
  const client = await MongoClient.connect(mongoUri);
  try {
    const companies = client.db('grappes-members').collection('companies');
    const notifications = client.db('grappes-notifications').collection('notifications');
    const kickOffCompanies = await companies.find({}).toArray();
    const kickOffNotifications = await notifications.find({}).toArray();
    const now = new Date();
    await insertAll(companies, copies(kickOffCompanies, factor * KICK_OFF.companies - kickOffCompanies.length, (company, n) => {
      const name = `${company.name} ${n + 1}`;
      return {
        ...company, _id: randomUUID(), name, ...nameIndex(name), siren: siren(900_000 + n),
        establishments: [], pendingEvents: [], version: 1, createdAt: now, updatedAt: now,
      };
    }));
    await insertAll(notifications, copies(kickOffNotifications, factor * KICK_OFF.notifications - kickOffNotifications.length, (notification, n) => ({
      ...notification, _id: randomUUID(), eventId: `${notification.eventId}:copy-${n}`,
      createdAt: new Date(notification.createdAt.getTime() - (n + 1) * 60_000), pendingEvents: [],
    })));
    return { companies: await companies.countDocuments(), notifications: await notifications.countDocuments() };
  } finally {
    await client.close();
  }
}
