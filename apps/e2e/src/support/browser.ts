/// <reference lib="dom" />
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, Page, chromium } from 'playwright-core';
import { ROOT } from './seed';

/** Debian's chromium (`.ci/run` installs it); no browser of a test tool's own is downloaded. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/**
 * Headless as root, on a machine with no network but loopback: without the
 * background-networking flags Chromium keeps trying hosts it cannot reach.
 */
const FLAGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];
export const SCREENSHOTS = join(ROOT, 'dist', 'web-screenshots');
export const PHONE = { width: 390, height: 844 };

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
}

/** A person's own browser: a context of its own (storage, session), French unless told. */
export async function openAs(browser: Browser, webUrl: string, viewport = { width: 1280, height: 860 }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale: 'fr-FR', acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(webUrl);
  return { context, page };
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel(/Adresse e-mail|E-mail address/).fill(email);
  await page.getByLabel(/Mot de passe|Password/).fill(password);
  await page.getByRole('button', { name: /Se connecter|Sign in/ }).click();
  await page.getByRole('navigation').waitFor();
}

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * The WCAG 2.x A and AA rules of axe-core, run in the page. It is evaluated
 * through the DevTools protocol, which the page's Content-Security-Policy
 * (no inline script) does not govern.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, options: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
}
