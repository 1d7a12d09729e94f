import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { ADMIN, type UiServer } from './server.js';

/** Debian's Chromium, installed by .ci/run. */
const CHROMIUM = process.env.TRELLIS_CHROMIUM ?? '/usr/bin/chromium';

/** Launches headless Chromium; one per test file, closed in afterAll. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
}

/** A laptop-sized window; tests of narrow layouts pass their own size. */
const VIEWPORT = { width: 1280, height: 800 };

/**
 * A new browser window signed in as `who` (the administrator by default): the session comes
 * from the login API, whose cookies the window shares, so each test starts on a screen rather
 * than on the login form (which its own test covers). With `timeout`, the page's actions fail
 * after that many milliseconds, naming the control they waited for.
 */
export async function signedInPage(
  browser: Browser,
  server: UiServer,
  who: { email: string; password: string } = ADMIN,
  path = '/',
  timeout?: number,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: server.url, viewport: VIEWPORT });
  const login = await context.request.post('/api/auth/login', { data: who });
  if (!login.ok()) throw new Error(`login as ${who.email} answered ${login.status()}: ${await login.text()}`);
  const page = await context.newPage();
  if (timeout) page.setDefaultTimeout(timeout);
  await page.goto(path);
  return { context, page };
}

/** Waits until an element matched by `locator` shows `text` (fails after `timeout` ms naming what was missing). */
export async function waitForText(locator: Locator, text: string | RegExp, timeout = 10_000): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor({ timeout });
}
