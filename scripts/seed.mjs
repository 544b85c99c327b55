#!/usr/bin/env node
// Loads the fictional kick-off (scripts/seed/kickoff.json) into a running
// platform through the gateway's public HTTP API. Loading twice changes
// nothing: whatever exists already is found and counted as `existing`.
//
//   npm run seed                    load it (GRAPPES_URL, ADMIN_EMAIL, ADMIN_PASSWORD)
//   node scripts/seed.mjs --check   validate the data and print its totals, no request
import { readFileSync, realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export const DEFAULTS = Object.freeze({
  baseUrl: 'http://127.0.0.1:3000/api/v1',
  adminEmail: 'admin@grappes.test',
  adminPassword: 'grappes-admin',
});

export const THEMES = [
  'movements', 'cases', 'dials', 'straps', 'jewellery-watches',
  'assembly', 'process-automation', 'project-management', 'logistics', 'after-sales',
];
export const CATEGORIES = ['watches-and-accessories', 'components-and-microtechnics', 'volume-watchmaking'];
const PERSON_ROLES = ['company-admin', 'member'];
const ADMISSION_MODES = ['open', 'approval'];
const FICTION_MARK = /\(entreprise fictive de démonstration\)\.?$/;

/** The fields of a company that `POST /companies` takes; the rest of an entry is for the seed. */
const COMPANY_FIELDS = [
  'name', 'siren', 'category', 'capabilities', 'region', 'city', 'headcount',
  'annualRevenueEur', 'website', 'description', 'nafCode', 'establishments',
];

const KICKOFF_FILE = new URL('./seed/kickoff.json', import.meta.url);
const PAGE_LIMIT = 100;
const REQUEST_TIMEOUT_MS = 30_000;
const MAX_RATE_LIMIT_RETRIES = 5;

export function loadKickoff(file = KICKOFF_FILE) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

// ---------------------------------------------------------------------------
// Checking the data before any request
// ---------------------------------------------------------------------------

/** Luhn checksum over a string of digits, the check digit included. */
export function passesLuhn(digits) {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 === 0;
}

const isSiren = (value) => typeof value === 'string' && /^\d{9}$/.test(value) && passesLuhn(value);
const isSiret = (value) => typeof value === 'string' && /^\d{14}$/.test(value) && passesLuhn(value);
const isCount = (value) => Number.isInteger(value) && value >= 0;
const isText = (value, max) => typeof value === 'string' && value.trim().length >= 2 && value.length <= max;

function duplicates(values) {
  const seen = new Set();
  return [...new Set(values.filter((value) => seen.has(value) || !seen.add(value)))];
}

/** The `<slug>.example` host of a company's website, or undefined when the website is not of that form. */
function demoDomain(company) {
  return /^https:\/\/([a-z0-9-]+\.example)$/.exec(company.website ?? '')?.[1];
}

function checkProfile(company, where) {
  const problems = [];
  if (!isText(company.name, 120)) problems.push(`${where}: name must be 2–120 characters`);
  if (!isSiren(company.siren)) problems.push(`${where}: SIREN ${JSON.stringify(company.siren)} is not 9 digits with a valid Luhn check digit`);
  if (!CATEGORIES.includes(company.category)) problems.push(`${where}: unknown category ${JSON.stringify(company.category)}`);
  if (!isText(company.region, 80)) problems.push(`${where}: region is missing`);
  if (!isText(company.city, 120)) problems.push(`${where}: city is missing`);
  if (!isCount(company.headcount)) problems.push(`${where}: headcount must be a non-negative integer`);
  if (!isCount(company.annualRevenueEur)) problems.push(`${where}: annualRevenueEur must be a non-negative integer`);
  if (!demoDomain(company)) problems.push(`${where}: website must be https://<slug>.example`);
  if (!FICTION_MARK.test(company.description ?? '')) problems.push(`${where}: description must end with "(entreprise fictive de démonstration)"`);
  if (!/^\d{2}\.\d{2}[A-Z]$/.test(company.nafCode ?? '')) problems.push(`${where}: nafCode ${JSON.stringify(company.nafCode)} is not a NAF code such as 26.52Z`);
  return problems;
}

function checkThemes(company, where) {
  const capabilities = company.capabilities ?? [];
  const joins = company.joins ?? [];
  const problems = [];
  if (capabilities.length < 1 || capabilities.length > 4) problems.push(`${where}: needs 1–4 capabilities, has ${capabilities.length}`);
  for (const theme of [...capabilities, ...joins]) {
    if (!THEMES.includes(theme)) problems.push(`${where}: unknown theme ${JSON.stringify(theme)}`);
  }
  for (const theme of duplicates(capabilities)) problems.push(`${where}: capability ${theme} listed twice`);
  for (const theme of duplicates(joins)) problems.push(`${where}: joins ${theme} twice`);
  for (const theme of joins) {
    if (!capabilities.includes(theme)) problems.push(`${where}: joins the ${theme} cluster but is not capable in ${theme}`);
  }
  return problems;
}

function checkEstablishments(company, where) {
  return (company.establishments ?? []).flatMap(({ siret }, i) => {
    if (!isSiret(siret)) return [`${where}: establishments[${i}] SIRET ${JSON.stringify(siret)} is not 14 digits with a valid Luhn check digit`];
    if (!siret.startsWith(company.siren)) return [`${where}: establishments[${i}] SIRET ${siret} does not start with the SIREN ${company.siren}`];
    return [];
  });
}

function checkPeople(company, where) {
  const people = company.people ?? [];
  const problems = [];
  const admins = people.filter((person) => person.role === 'company-admin').length;
  const members = people.filter((person) => person.role === 'member').length;
  if (admins !== 1) problems.push(`${where}: needs exactly one company-admin, has ${admins}`);
  if (members > 2) problems.push(`${where}: has ${members} members, at most 2`);
  people.forEach((person, i) => {
    if (!PERSON_ROLES.includes(person.role)) problems.push(`${where}: people[${i}] has unknown role ${JSON.stringify(person.role)}`);
    if (!isText(person.firstName, 80) || !isText(person.lastName, 80)) problems.push(`${where}: people[${i}] needs a first and a last name`);
    const domain = person.email?.split('@')[1];
    if (!/^[a-z-]+\.[a-z-]+@[a-z0-9.-]+$/.test(person.email ?? '') || domain !== demoDomain(company)) {
      problems.push(`${where}: people[${i}] e-mail ${JSON.stringify(person.email)} is not prenom.nom@${demoDomain(company)}`);
    }
  });
  return problems;
}

function checkUniqueness(companies) {
  const emails = companies.flatMap((company) => (company.people ?? []).map((person) => person.email?.toLowerCase()));
  const sirets = companies.flatMap((company) => (company.establishments ?? []).map(({ siret }) => siret));
  return [
    ...duplicates(companies.map((company) => company.name)).map((name) => `company name ${JSON.stringify(name)} is used twice`),
    ...duplicates(companies.map((company) => company.siren)).map((siren) => `SIREN ${siren} is used twice`),
    ...duplicates(sirets).map((siret) => `SIRET ${siret} is used twice`),
    ...duplicates(emails).map((email) => `e-mail ${email} is used twice`),
  ];
}

function checkCluster(cluster, companies, where) {
  const problems = [];
  if (!isText(cluster.name, 120)) problems.push(`${where}: name must be 2–120 characters`);
  if (!THEMES.includes(cluster.theme)) problems.push(`${where}: unknown theme ${JSON.stringify(cluster.theme)}`);
  if (!ADMISSION_MODES.includes(cluster.admission)) problems.push(`${where}: admission must be open or approval`);
  if (!isText(cluster.description, 2000)) problems.push(`${where}: description is missing`);
  const coordinator = companies.find((company) => company.siren === cluster.coordinatorSiren);
  if (!coordinator) return [...problems, `${where}: coordinatorSiren ${cluster.coordinatorSiren} is no company of the kick-off`];
  if (!coordinator.capabilities?.includes(cluster.theme)) problems.push(`${where}: coordinator ${coordinator.name} is not capable in ${cluster.theme}`);
  if (coordinator.joins?.includes(cluster.theme)) problems.push(`${where}: coordinator ${coordinator.name} must not also join it (it is a member from the start)`);
  return problems;
}

/** Every company sits in 1–3 clusters, counting those it coordinates; every cluster it joins exists. */
function checkMemberships(companies, clusters) {
  const themes = new Set(clusters.map((cluster) => cluster.theme));
  return companies.flatMap((company) => {
    const coordinated = clusters.filter((cluster) => cluster.coordinatorSiren === company.siren).length;
    const joins = company.joins ?? [];
    const total = coordinated + joins.length;
    const missing = joins.filter((theme) => !themes.has(theme)).map((theme) => `"${company.name}" joins ${theme} but no cluster has that theme`);
    return total >= 1 && total <= 3 ? missing : [...missing, `"${company.name}" is in ${total} clusters (coordinated included), expected 1–3`];
  });
}

function checkClusters(clusters, companies) {
  return [
    ...clusters.flatMap((cluster, i) => checkCluster(cluster, companies, `clusters[${i}] "${cluster.name}"`)),
    ...duplicates(clusters.map((cluster) => cluster.name)).map((name) => `cluster name ${JSON.stringify(name)} is used twice`),
    ...duplicates(clusters.map((cluster) => cluster.theme)).map((theme) => `theme ${theme} has two clusters`),
    ...checkMemberships(companies, clusters),
  ];
}

function checkWorkshops(workshops, clusters) {
  const themes = new Set(clusters.map((cluster) => cluster.theme));
  return [
    ...workshops.flatMap((w, i) => {
      const where = `workshops[${i}] "${w.title}"`;
      return [
        ...(themes.has(w.theme) ? [] : [`${where}: no cluster of theme ${w.theme}`]),
        ...(Number.isInteger(w.inWeeks) && w.inWeeks >= 1 ? [] : [`${where}: inWeeks must be a whole number of weeks ahead`]),
        ...(/^([01]\d|2[0-3]):[0-5]\d$/.test(w.startTime) ? [] : [`${where}: startTime must be HH:MM`]),
        ...(w.hours > 0 && w.hours <= 12 ? [] : [`${where}: hours must be between 0 and 12`]),
        ...(Number.isInteger(w.capacity) && w.capacity >= 1 ? [] : [`${where}: capacity must be at least 1`]),
        ...(/fictif de démonstration/.test(w.description ?? '') ? [] : [`${where}: the description must say it is fictional`]),
      ];
    }),
    ...duplicates(workshops.map((w) => w.title)).map((title) => `workshop title ${JSON.stringify(title)} is used twice`),
  ];
}

const PROJECT_KINDS = ['product', 'process', 'innovation'];
const PROJECT_STATUSES = ['proposed', 'active'];

/** The companies that are members of the cluster of `theme` at once: its coordinator and those joining an open cluster. */
function joinedMembers(data, theme) {
  const cluster = data.clusters.find((c) => c.theme === theme);
  if (!cluster) return undefined;
  const joiners = cluster.admission === 'open' ? data.companies.filter((c) => c.joins?.includes(theme)) : [];
  return new Set([cluster.coordinatorSiren, ...joiners.map((c) => c.siren)]);
}

/** Ideas and projects sit in a cluster; their people and partners belong to its member companies. */
function checkInnovation(data) {
  const companyOf = (email) => data.companies.find((c) => c.people?.some((p) => p.email === email));
  const problems = [];
  const memberCheck = (where, members, email) => {
    const company = companyOf(email);
    if (!company) problems.push(`${where}: ${email} is no person of the kick-off`);
    else if (!members.has(company.siren)) problems.push(`${where}: ${email}'s company ${company.name} is not a member of the cluster`);
  };
  (data.ideas ?? []).forEach((idea, i) => {
    const where = `ideas[${i}] "${idea.title}"`;
    const members = joinedMembers(data, idea.theme);
    if (!members) return problems.push(`${where}: no cluster of theme ${idea.theme}`);
    if (!isText(idea.title, 160) || !PROJECT_KINDS.includes(idea.kind)) problems.push(`${where}: needs a title and a kind (${PROJECT_KINDS.join(', ')})`);
    if (!/fictive de démonstration/.test(idea.description ?? '')) problems.push(`${where}: the description must say it is fictional`);
    for (const theme of idea.neededCapabilities ?? []) if (!THEMES.includes(theme)) problems.push(`${where}: unknown theme ${theme}`);
    [idea.author, ...(idea.interestedBy ?? []), ...(idea.comments ?? []).map((c) => c.by)].forEach((email) => memberCheck(where, members, email));
  });
  (data.projects ?? []).forEach((project, i) => {
    const where = `projects[${i}] "${project.title}"`;
    const members = joinedMembers(data, project.theme);
    if (!members) return problems.push(`${where}: no cluster of theme ${project.theme}`);
    if (!PROJECT_KINDS.includes(project.kind) || !PROJECT_STATUSES.includes(project.status)) problems.push(`${where}: unknown kind or status`);
    if (!/fictif de démonstration/.test(project.description ?? '')) problems.push(`${where}: the description must say it is fictional`);
    for (const siren of project.partnerSirens ?? []) if (!members.has(siren)) problems.push(`${where}: partner ${siren} is not a member of the cluster`);
    for (const m of project.milestones ?? []) if (!Number.isInteger(m.inWeeks) || !isText(m.title, 160)) problems.push(`${where}: milestone ${JSON.stringify(m)} needs a title and whole weeks`);
  });
  for (const title of duplicates((data.ideas ?? []).map((i) => i.title))) problems.push(`idea title ${JSON.stringify(title)} is used twice`);
  for (const title of duplicates((data.projects ?? []).map((p) => p.title))) problems.push(`project title ${JSON.stringify(title)} is used twice`);
  return problems;
}

/** Validates the kick-off data; throws one error listing every problem found. */
export function checkKickoff(data) {
  const companies = data?.companies ?? [];
  const clusters = data?.clusters ?? [];
  const problems = [
    ...(companies.length ? [] : ['no companies']),
    ...(typeof data?.demoPassword === 'string' && data.demoPassword.length >= 8 ? [] : ['demoPassword must be at least 8 characters']),
    ...companies.flatMap((company, i) => {
      const where = `companies[${i}] "${company.name}"`;
      return [...checkProfile(company, where), ...checkThemes(company, where), ...checkEstablishments(company, where), ...checkPeople(company, where)];
    }),
    ...checkUniqueness(companies),
    ...checkClusters(clusters, companies),
    ...checkWorkshops(data?.workshops ?? [], clusters),
    ...(companies.length && clusters.length ? checkInnovation(data) : []),
  ];
  if (problems.length) throw new Error(`kickoff data is not valid:\n  - ${problems.join('\n  - ')}`);
  return data;
}

// ---------------------------------------------------------------------------
// Totals, to check that the figures are plausible for the sector
// ---------------------------------------------------------------------------

function sumBy(companies, key) {
  const groups = {};
  for (const company of companies) {
    const group = (groups[company[key]] ??= { companies: 0, headcount: 0, annualRevenueEur: 0 });
    group.companies += 1;
    group.headcount += company.headcount;
    group.annualRevenueEur += company.annualRevenueEur;
  }
  return groups;
}

function clusterSizes(data) {
  return data.clusters.map((cluster) => ({
    name: cluster.name,
    admission: cluster.admission,
    coordinator: data.companies.find((company) => company.siren === cluster.coordinatorSiren)?.name,
    members: 1 + data.companies.filter((company) => company.joins?.includes(cluster.theme)).length,
  }));
}

export function kickoffTotals(data) {
  const companies = data.companies;
  return {
    companies: companies.length,
    headcount: companies.reduce((sum, company) => sum + company.headcount, 0),
    annualRevenueEur: companies.reduce((sum, company) => sum + company.annualRevenueEur, 0),
    people: companies.reduce((sum, company) => sum + company.people.length, 0),
    byCategory: sumBy(companies, 'category'),
    byRegion: sumBy(companies, 'region'),
    clusters: clusterSizes(data),
  };
}

const millions = (eur) => `${(eur / 1e6).toFixed(1)} M€`;
const totalsLine = (label, group) => `  ${label.padEnd(30)} ${String(group.companies).padStart(3)} companies ${String(group.headcount).padStart(5)} jobs ${millions(group.annualRevenueEur).padStart(9)}`;

export function formatTotals(totals) {
  return [
    totalsLine('all', totals),
    `  people: ${totals.people}`,
    'by category:',
    ...Object.entries(totals.byCategory).map(([category, group]) => totalsLine(category, group)),
    'by region:',
    ...Object.entries(totals.byRegion).map(([region, group]) => totalsLine(region, group)),
    'clusters (the coordinator, then joins and requests):',
    ...totals.clusters.map((c) => `  ${c.name.padEnd(34)} ${c.admission.padEnd(8)} ${String(c.members).padStart(2)} members, coordinated by ${c.coordinator}`),
  ].join('\n');
}

// ---------------------------------------------------------------------------
// The gateway's HTTP API
// ---------------------------------------------------------------------------

export class ApiError extends Error {
  constructor(method, path, status, body) {
    const code = body?.code ?? 'no error code';
    const message = body?.message ?? (typeof body === 'string' ? body.slice(0, 200) : 'no message');
    const details = body?.details ? ` details: ${JSON.stringify(body.details)}` : '';
    const correlation = body?.correlationId ? ` (correlation id ${body.correlationId})` : '';
    super(`${method} ${path} answered ${status} ${code}: ${message}${details}${correlation}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = body?.code;
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function retryAfterSeconds(response) {
  const seconds = Number(response.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? seconds : 5;
}

async function readBody(response) {
  const text = await response.text();
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return text;
  }
}

async function fetchOnce(url, init) {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  } catch (error) {
    const timedOut = error.name === 'TimeoutError';
    const reason = timedOut ? `no answer within ${REQUEST_TIMEOUT_MS / 1000}s` : (error.cause?.code ?? error.cause?.message ?? error.message);
    throw new Error(`${init.method} ${url} failed (${reason}): is the platform running and GRAPPES_URL right?`);
  }
}

/**
 * A client of the gateway. `send` answers `{status, body, conflict}`: `conflict`
 * is true for a 409 whose code is one of `conflicts` (the thing exists
 * already); any other status outside `accept` throws an ApiError.
 */
export function createApi(baseUrl, log = console.log) {
  const root = baseUrl.replace(/\/+$/, '');
  let token;
  let refreshToken;

  async function exchange(method, path, body) {
    const headers = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    const init = { method, headers, body: body === undefined ? undefined : JSON.stringify(body) };
    for (let attempt = 1; ; attempt++) {
      const response = await fetchOnce(root + path, init);
      if (response.status !== 429 || attempt > MAX_RATE_LIMIT_RETRIES) return { status: response.status, body: await readBody(response) };
      const wait = retryAfterSeconds(response);
      log(`  rate limited on ${method} ${path}; retrying in ${wait}s`);
      await response.body?.cancel();
      await sleep(wait * 1000);
    }
  }

  /** A load that outlasts the access token (JWT_TTL_SECONDS) goes on with a renewed one. */
  async function exchangeRenewing(method, path, body) {
    const reply = await exchange(method, path, body);
    if (reply.status !== 401 || !refreshToken || path.startsWith('/auth/')) return reply;
    const renewed = await exchange('POST', '/auth/refresh', { refreshToken });
    if (renewed.status !== 200) return reply;
    ({ accessToken: token, refreshToken } = renewed.body);
    return exchange(method, path, body);
  }

  async function send(method, path, body, { accept = [200, 201], conflicts = [] } = {}) {
    const { status, body: answer } = await exchangeRenewing(method, path, body);
    const conflict = status === 409 && conflicts.includes(answer?.code);
    if (!conflict && !accept.includes(status)) throw new ApiError(method, path, status, answer);
    return { status, body: answer, conflict };
  }

  async function login(email, password) {
    const { body } = await send('POST', '/auth/login', { email, password }, { accept: [200, 201] });
    ({ accessToken: token, refreshToken } = body);
  }

  /** Every item of a paginated list. */
  async function listAll(path) {
    const items = [];
    for (let page = 1; ; page++) {
      const separator = path.includes('?') ? '&' : '?';
      const pagePath = `${path}${separator}page=${page}&limit=${PAGE_LIMIT}`;
      const { body } = await send('GET', pagePath);
      if (!Array.isArray(body?.items)) throw new Error(`GET ${pagePath} did not answer a page {items, total, page, limit}`);
      items.push(...body.items);
      if (body.items.length < PAGE_LIMIT || items.length >= body.total) return items;
    }
  }

  return { send, login, listAll };
}

// ---------------------------------------------------------------------------
// Seeding, one kind of thing at a time
// ---------------------------------------------------------------------------

const counter = () => ({ created: 0, existing: 0 });

function companyBody(company) {
  return Object.fromEntries(COMPANY_FIELDS.filter((field) => company[field] !== undefined).map((field) => [field, company[field]]));
}

/** The directory's ids by SIREN, read once and only when a company turns out to exist already. */
function directoryIds(api) {
  let ids;
  return async (company) => {
    ids ??= new Map((await api.listAll('/companies')).map((item) => [item.siren, item.id]));
    const id = ids.get(company.siren);
    if (!id) throw new Error(`SIREN ${company.siren} (${company.name}) is registered but not in the directory; has the company left the federation?`);
    return id;
  };
}

async function seedCompanies(api, companies) {
  const counts = counter();
  const ids = new Map();
  const existingId = directoryIds(api);
  for (const company of companies) {
    const { body, conflict } = await api.send('POST', '/companies', companyBody(company), { conflicts: ['COMPANY.SIREN_TAKEN'] });
    ids.set(company.siren, conflict ? await existingId(company) : body.id);
    counts[conflict ? 'existing' : 'created'] += 1;
  }
  return { counts, ids };
}

async function seedClusters(api, clusters, companyIds) {
  const counts = counter();
  const idsByTheme = new Map();
  const existing = new Map((await api.listAll('/clusters')).map((cluster) => [cluster.name, cluster.id]));
  for (const cluster of clusters) {
    let id = existing.get(cluster.name);
    if (!id) {
      const { name, theme, description, admission } = cluster;
      const body = { name, theme, description, admission, coordinatorCompanyId: companyIds.get(cluster.coordinatorSiren) };
      id = (await api.send('POST', '/clusters', body)).body.id;
    }
    idsByTheme.set(cluster.theme, id);
    counts[existing.has(cluster.name) ? 'existing' : 'created'] += 1;
  }
  return { counts, idsByTheme };
}

async function seedPeople(api, companies, companyIds, password) {
  const counts = counter();
  for (const company of companies) {
    for (const { email, firstName, lastName, role } of company.people) {
      const path = `/companies/${encodeURIComponent(companyIds.get(company.siren))}/people`;
      const { conflict } = await api.send('POST', path, { email, firstName, lastName, role, password }, { conflicts: ['PERSON.EMAIL_TAKEN'] });
      counts[conflict ? 'existing' : 'created'] += 1;
    }
  }
  return counts;
}

/** `created` counts immediate joins and requests alike; `pending` says how many of them await approval. */
async function seedMemberships(api, companies, companyIds, clusterIds) {
  const counts = { ...counter(), pending: 0 };
  for (const company of companies) {
    for (const theme of company.joins) {
      const path = `/clusters/${encodeURIComponent(clusterIds.get(theme))}/members`;
      const body = { companyId: companyIds.get(company.siren) };
      const { status, conflict } = await api.send('POST', path, body, { accept: [201, 202], conflicts: ['CLUSTER.ALREADY_MEMBER'] });
      counts[conflict ? 'existing' : 'created'] += 1;
      if (status === 202) counts.pending += 1;
    }
  }
  return counts;
}

/**
 * `inWeeks` weeks from today at `startTime`, Paris time, written with its
 * offset: the workshops stay ahead whenever the data is loaded.
 */
export function parisTime(inWeeks, startTime, hoursLater = 0, today = new Date()) {
  const day = new Date(today.getTime() + inWeeks * 7 * 86_400_000);
  const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(day);
  const [hours, minutes] = startTime.split(':').map(Number);
  const wallClock = new Date(`${date}T00:00:00Z`);
  wallClock.setUTCHours(hours + hoursLater, minutes);
  const offsetName = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Paris', timeZoneName: 'longOffset' })
    .formatToParts(wallClock)
    .find((part) => part.type === 'timeZoneName').value; // "GMT+01:00" or "GMT+02:00"
  return `${wallClock.toISOString().slice(0, 16)}:00${offsetName.slice(3) || '+00:00'}`;
}

/** Scheduled by federation staff in the cluster of their theme; a title that exists in that cluster is kept. */
async function seedWorkshops(api, workshops, clusterIds) {
  const counts = counter();
  for (const w of workshops) {
    const clusterId = clusterIds.get(w.theme);
    const existing = await api.listAll(`/workshops?clusterId=${encodeURIComponent(clusterId)}`);
    if (existing.some((item) => item.title === w.title)) {
      counts.existing += 1;
      continue;
    }
    const { title, theme, location, capacity, description } = w;
    const body = {
      title, theme, clusterId, location, capacity, description,
      startsAt: parisTime(w.inWeeks, w.startTime), endsAt: parisTime(w.inWeeks, w.startTime, w.hours),
    };
    await api.send('POST', '/workshops', body);
    counts.created += 1;
  }
  return counts;
}

/**
 * Ideas are posted, commented and supported by the people of the cluster's
 * companies, signed in as themselves; an idea whose title exists in its
 * cluster is kept as it is.
 */
async function seedIdeas(api, ideas, clusterIds, asPerson) {
  const counts = counter();
  for (const idea of ideas) {
    const ideasPath = `/clusters/${encodeURIComponent(clusterIds.get(idea.theme))}/ideas`;
    if ((await api.listAll(ideasPath)).some((item) => item.title === idea.title)) {
      counts.existing += 1;
      continue;
    }
    const { title, kind, description, neededCapabilities } = idea;
    const { body } = await (await asPerson(idea.author)).send('POST', ideasPath, { title, kind, description, neededCapabilities });
    const ideaPath = `${ideasPath}/${encodeURIComponent(body.id)}`;
    for (const email of idea.interestedBy ?? []) {
      await (await asPerson(email)).send('POST', `${ideaPath}/interest`, undefined, { conflicts: ['IDEA.ALREADY_INTERESTED'] });
    }
    for (const { by, text } of idea.comments ?? []) await (await asPerson(by)).send('POST', `${ideaPath}/comments`, { text });
    counts.created += 1;
  }
  return counts;
}

/** Launched by federation staff with their partners, then given their status and milestones; a title that exists in its cluster is kept. */
async function seedProjects(api, projects, clusterIds, companyIds) {
  const counts = counter();
  for (const project of projects) {
    const projectsPath = `/clusters/${encodeURIComponent(clusterIds.get(project.theme))}/projects`;
    if ((await api.listAll(projectsPath)).some((item) => item.title === project.title)) {
      counts.existing += 1;
      continue;
    }
    const { title, kind, description } = project;
    const partnerCompanyIds = project.partnerSirens.map((siren) => companyIds.get(siren));
    const { body } = await api.send('POST', projectsPath, { title, kind, description, partnerCompanyIds });
    const milestones = project.milestones.map((m) => ({ title: m.title, dueAt: parisTime(m.inWeeks, '18:00'), done: m.done ?? false }));
    const status = project.status === 'proposed' ? {} : { status: project.status };
    await api.send('PATCH', `${projectsPath}/${encodeURIComponent(body.id)}`, { ...status, milestones });
    counts.created += 1;
  }
  return counts;
}

/** A client signed in as a seeded person, made once per person. */
function peopleSessions(baseUrl, log, password) {
  const sessions = new Map();
  return (email) => {
    if (!sessions.has(email)) {
      const api = createApi(baseUrl, log);
      sessions.set(email, api.login(email, password).then(() => api));
    }
    return sessions.get(email);
  };
}

const countsLine = (label, counts) => `${label}: ${Object.entries(counts).map(([key, n]) => `${n} ${key}`).join(', ')}`;

/**
 * Loads the kick-off into the platform behind `baseUrl` as the bootstrap admin
 * and answers what was created and what existed already.
 */
export async function seed({
  baseUrl = DEFAULTS.baseUrl,
  adminEmail = DEFAULTS.adminEmail,
  adminPassword = DEFAULTS.adminPassword,
  log = console.log,
  data = loadKickoff(),
} = {}) {
  checkKickoff(data);
  const api = createApi(baseUrl, log);
  log(`Seeding the kick-off into ${baseUrl} as ${adminEmail}`);
  await api.login(adminEmail, adminPassword);

  const companies = await seedCompanies(api, data.companies);
  log(countsLine('companies', companies.counts));
  const clusters = await seedClusters(api, data.clusters, companies.ids);
  log(countsLine('clusters', clusters.counts));
  const people = await seedPeople(api, data.companies, companies.ids, data.demoPassword);
  log(countsLine('people', people));
  const memberships = await seedMemberships(api, data.companies, companies.ids, clusters.idsByTheme);
  log(countsLine('memberships', memberships));
  const workshops = await seedWorkshops(api, data.workshops ?? [], clusters.idsByTheme);
  log(countsLine('workshops', workshops));
  const ideas = await seedIdeas(api, data.ideas ?? [], clusters.idsByTheme, peopleSessions(baseUrl, log, data.demoPassword));
  log(countsLine('ideas', ideas));
  const projects = await seedProjects(api, data.projects ?? [], clusters.idsByTheme, companies.ids);
  log(countsLine('projects', projects));

  return { companies: companies.counts, clusters: clusters.counts, people, memberships, workshops, ideas, projects };
}

// ---------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------

async function main(args) {
  const data = checkKickoff(loadKickoff());
  if (args.includes('--check')) {
    console.log(`kickoff data is valid\n${formatTotals(kickoffTotals(data))}`);
    return;
  }
  await seed({
    baseUrl: process.env.GRAPPES_URL || undefined,
    adminEmail: process.env.ADMIN_EMAIL || undefined,
    adminPassword: process.env.ADMIN_PASSWORD || undefined,
    data,
  });
  console.log(`Done. Demo logins: any person of scripts/seed/kickoff.json with the password "${data.demoPassword}".`);
}

function isMain() {
  if (!process.argv[1]) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
  } catch {
    return false;
  }
}

if (isMain()) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(`seed failed: ${error.message}`);
    process.exitCode = 1;
  });
}
