/// <reference lib="dom" />
// The web app (apps/web) in Debian's chromium, against the whole platform with
// the kick-off demo data: what people do with it every day, its languages, and
// WCAG A/AA as axe-core checks it. Screenshots go to dist/web-screenshots/.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ApiClient } from '../support/client';
import { PHONE, axeViolations, launchBrowser, openAs, screenshot, signIn } from '../support/browser';
import { ADMIN } from '../support/platform';
import { ROOT, runSeed } from '../support/seed';
import { usePlatform } from '../support/use-platform';

const DEMO_PASSWORD = 'grappes-demo';
const PEOPLE = {
  companyAdmin: 'julien.castel@castel-grandvaux.example',
  componentMakerAdmin: 'eric.mollard@mollard-vuarchex.example',
  coordinator: 'agnes.ferrandet@calibres-ferrandet.example',
  member: 'thomas.bouveret@jeannin-aubry.example',
  memberColleague: 'claire.jeannin@jeannin-aubry.example',
};

// Every person of the test browses from this one address: the per-client rate limit is for a crowd here.
// Access tokens live a minute, the shortest the gateway takes: the file outlasts one.
const TOKEN_TTL_SECONDS = 60;
const { platform } = usePlatform({
  env: { WEB_ROOT: join(ROOT, 'dist', 'apps', 'web'), RATE_LIMIT_PER_MINUTE: '6000', JWT_TTL_SECONDS: String(TOKEN_TTL_SECONDS) },
});
let browser: Browser;
let webUrl: string;
/** A person signed in at the start and left idle, until the last test. */
let idle: { page: Page; signedInAt: number; refreshes: number[] };

beforeAll(async () => {
  const seeded = await runSeed(platform.baseUrl);
  if (seeded.code !== 0) throw new Error(`seed failed:\n${seeded.output}`);
  webUrl = platform.baseUrl.replace(/\/api\/v1$/, '/');
  browser = await launchBrowser();
  idle = { page: await personAt(PEOPLE.companyAdmin), signedInAt: Date.now(), refreshes: [] };
  // The live stream's reconnections may renew the token before any click does: every renewal is counted.
  idle.page.on('response', (r) => r.url().endsWith('/auth/refresh') && idle.refreshes.push(r.status()));
  // Seeding is some 150 requests with password hashing: a minute or more when the machine is busy.
}, 240_000);

afterAll(async () => {
  await browser?.close();
});

async function personAt(email: string, password = DEMO_PASSWORD, viewport?: { width: number; height: number }): Promise<Page> {
  const { page } = await openAs(browser, webUrl, viewport);
  await signIn(page, email, password);
  return page;
}

async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page);
  expect({ where, violations }).toEqual({ where, violations: [] });
}

async function clusterId(theme: string): Promise<string> {
  const reply = await (await asAdmin()).get(`/clusters?theme=${theme}`);
  return reply.body.items[0].id;
}

describe('the web app', () => {
  it('is served by the gateway beside the API, under its Content-Security-Policy', async () => {
    const page = await fetch(webUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const api = await fetch(`${platform.baseUrl}/health/live`);
    expect(api.headers.get('content-type')).toContain('application/json');
  });

  it('signs in each seeded role and shows who they are, in French by default', async () => {
    const roles: [string, string, RegExp][] = [
      [ADMIN.email, ADMIN.password, /Fédération/],
      [PEOPLE.companyAdmin, DEMO_PASSWORD, /Administrateur d'entreprise/],
      [PEOPLE.coordinator, DEMO_PASSWORD, /Administrateur d'entreprise/],
      [PEOPLE.member, DEMO_PASSWORD, /Membre/],
    ];
    for (const [email, password, role] of roles) {
      const page = await personAt(email, password);
      await expect(page.getByRole('banner').textContent()).resolves.toMatch(role);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Annuaire des entreprises');
      await page.context().close();
    }
  });

  it('tells a wrong password in words, never as a code', async () => {
    const { page, context } = await openAs(browser, webUrl);
    await page.getByLabel('Adresse e-mail').fill(PEOPLE.member);
    await page.getByLabel('Mot de passe').fill('not-the-password');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    const alert = page.getByRole('alert');
    await expect(alert.textContent()).resolves.toContain('Adresse e-mail ou mot de passe incorrect.');
    await expect(alert.textContent()).resolves.not.toContain('AUTH.');
    await expectNoAxeViolations(page, 'sign-in');
    await screenshot(page, 'sign-in');
    await context.close();
  });

  it('finds a company by an accent-free query and opens its profile', async () => {
    const page = await personAt(PEOPLE.member);
    await page.getByLabel('Nom de l’entreprise').fill('decolletage');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.getByRole('link', { name: 'Décolletage du Dessoubre' }).waitFor();
    await expect(page.getByRole('link', { name: 'Boîtiers Rondot' }).count()).resolves.toBe(0);
    await expectNoAxeViolations(page, 'directory');
    await screenshot(page, 'directory');
    await page.getByRole('link', { name: 'Décolletage Mollard-Vuarchex' }).click();
    await page.getByRole('heading', { level: 1, name: 'Décolletage Mollard-Vuarchex' }).waitFor();
    await expectNoAxeViolations(page, 'company profile');
    await screenshot(page, 'company');
    await page.context().close();
  });

  it('narrows the directory by capability, category and region', async () => {
    const page = await personAt(PEOPLE.member);
    await page.getByLabel('Savoir-faire').selectOption('cases');
    await page.getByLabel('Collège').selectOption('components-and-microtechnics');
    await page.getByLabel('Région').selectOption('Bourgogne-Franche-Comté');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.getByRole('link', { name: 'Boîtiers Rondot' }).waitFor();
    const expected = await (await asAdmin()).get('/companies?capability=cases&category=components-and-microtechnics&region=Bourgogne-Franche-Comt%C3%A9&limit=100');
    await expect(page.locator('ul.cards > li').count()).resolves.toBe(expected.body.items.length);
    await page.context().close();
  });

  it('joins an open cluster and the inbox badge counts the welcome as it arrives', async () => {
    const page = await personAt(PEOPLE.componentMakerAdmin);
    const badge = page.getByTestId('unread-badge');
    const before = Number((await badge.count()) ? await badge.locator('[aria-hidden]').textContent() : 0);
    await page.goto(`${webUrl}#/clusters/${await clusterId('logistics')}`);
    await page.getByRole('button', { name: 'Rejoindre la grappe' }).click();
    await page.getByText('Votre entreprise a rejoint la grappe.').waitFor();
    await page.getByRole('link', { name: 'Décolletage Mollard-Vuarchex' }).waitFor();
    // No reload: the live stream brings the welcome.
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="unread-badge"] [aria-hidden]')?.textContent ?? 0) > n, before, { timeout: 20_000 });
    await expectNoAxeViolations(page, 'cluster detail');
    await screenshot(page, 'cluster');
    await page.getByRole('link', { name: /Messages/ }).click();
    await page.getByRole('heading', { name: /Grappe Logistique/ }).first().waitFor();
    await expectNoAxeViolations(page, 'inbox');
    await screenshot(page, 'inbox');
    const unreadBefore = (await (await signedInAs(PEOPLE.componentMakerAdmin)).get('/notifications?unread=true')).body.unreadCount;
    await page.getByRole('button', { name: 'Marquer comme lu' }).first().click();
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="unread-badge"] [aria-hidden]')?.textContent ?? 0) < n, unreadBefore);
    await expect((await (await signedInAs(PEOPLE.componentMakerAdmin)).get('/notifications?unread=true')).body.unreadCount).toBe(unreadBefore - 1);
    await page.context().close();
  });

  it('lets the coordinator approve a pending request', async () => {
    const page = await personAt(PEOPLE.coordinator);
    await page.getByRole('navigation').getByRole('link', { name: 'Grappes' }).click();
    await page.getByRole('link', { name: 'Grappe Mouvements' }).click();
    const approve = page.getByRole('button', { name: /^Accepter / }).first();
    const name = (await approve.textContent())!.replace(/^Accepter /, '');
    await screenshot(page, 'cluster-pending');
    await approve.click();
    await page.getByText(`${name} fait désormais partie de la grappe.`).waitFor();
    await page.getByRole('region', { name: 'Entreprises membres' }).getByRole('link', { name }).waitFor();
    const detail = await (await asAdmin()).get(`/clusters/${await clusterId('movements')}`);
    expect(detail.body.members.map((m: { companyName: string }) => m.companyName)).toContain(name);
    await page.context().close();
  });

  it('registers for a full workshop and shows the waitlist position', async () => {
    const startsAt = new Date(Date.now() + 7 * 86_400_000);
    const scheduled = await (await asAdmin()).post('/workshops', {
      title: 'Atelier SAV : une seule place', theme: 'after-sales', clusterId: await clusterId('after-sales'),
      startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 2 * 3_600_000).toISOString(), location: 'Morteau', capacity: 1,
    });
    expect(scheduled.status).toBe(201);
    const colleague = await new ApiClient(platform.baseUrl).login(PEOPLE.memberColleague, DEMO_PASSWORD);
    const companyId = (await colleague.get('/me')).body.companyId;
    expect((await colleague.post(`/workshops/${scheduled.body.id}/registrations`, { attendeeEmail: PEOPLE.memberColleague, companyId })).body.status).toBe('confirmed');

    const page = await personAt(PEOPLE.member);
    await page.getByRole('link', { name: 'Ateliers' }).click();
    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Atelier SAV : une seule place' }) });
    await card.getByText('Complet : 0 en liste d’attente').waitFor();
    await card.getByRole('button', { name: 'M’inscrire sur liste d’attente' }).click();
    await card.getByText('Vous êtes en liste d’attente, position 1.').first().waitFor();
    await expect(page.getByLabel('Adresse d’abonnement').inputValue()).resolves.toMatch(/\/api\/v1\/calendar\/.+\.ics$/);
    const download = page.waitForEvent('download');
    await card.getByRole('button', { name: 'Ajouter à mon agenda (.ics)' }).click();
    expect((await download).suggestedFilename()).toMatch(/\.ics$/);
    await expectNoAxeViolations(page, 'workshops');
    await screenshot(page, 'workshops');
    await page.context().close();
  });

  it('switches to English for the account, which GET /me then tells', async () => {
    const page = await personAt(PEOPLE.member);
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Company directory' }).waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    const me = await new ApiClient(platform.baseUrl).login(PEOPLE.member, DEMO_PASSWORD);
    expect((await me.get('/me')).body.locale).toBe('en');
    // A new sign-in follows the account's language.
    const again = await personAt(PEOPLE.member);
    await again.getByRole('link', { name: 'Workshops' }).waitFor();
    await again.getByRole('button', { name: 'Passer en français' }).click();
    await again.getByRole('link', { name: 'Ateliers' }).waitFor();
    await page.context().close();
    await again.context().close();
  });

  it('has no A or AA violations on the clusters list and the dashboard, and fits a phone', async () => {
    const page = await personAt(ADMIN.email, ADMIN.password, PHONE);
    await page.getByRole('navigation').getByRole('link', { name: 'Grappes' }).click();
    await page.getByRole('link', { name: 'Grappe SAV' }).waitFor();
    await expectNoAxeViolations(page, 'clusters');
    await screenshot(page, 'clusters-phone');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.getByRole('link', { name: 'Tableau de bord' }).click();
    await page.getByRole('table', { name: 'Par région' }).waitFor();
    await expectNoAxeViolations(page, 'dashboard');
    await page.setViewportSize({ width: 1280, height: 860 });
    await screenshot(page, 'dashboard');
    await page.context().close();
  });

  it('keeps an idle session past its access token’s life, refreshing it silently, and across a reload', async () => {
    const { page, signedInAt, refreshes } = idle;
    const expired = signedInAt + TOKEN_TTL_SECONDS * 1000 + 2000;
    await new Promise((r) => setTimeout(r, Math.max(0, expired - Date.now())));
    await page.getByRole('navigation').getByRole('link', { name: 'Grappes' }).click();
    await page.getByRole('link', { name: 'Grappe SAV' }).waitFor();
    expect(refreshes.length).toBeGreaterThan(0);
    expect(refreshes.every((status) => status === 200)).toBe(true);
    await page.reload();
    await page.getByRole('navigation').waitFor();
    await expect(page.getByLabel('Mot de passe').count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByLabel('Mot de passe').waitFor();
    await page.reload();
    await page.getByLabel('Mot de passe').waitFor();
    await page.context().close();
  });
});

/** A fresh sign-in at each call: access tokens here outlive no test (TOKEN_TTL_SECONDS). */
function signedInAs(email: string, password = DEMO_PASSWORD): Promise<ApiClient> {
  return new ApiClient(platform.baseUrl).login(email, password);
}
const asAdmin = () => signedInAs(ADMIN.email, ADMIN.password);
