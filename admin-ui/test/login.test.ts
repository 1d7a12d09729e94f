import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForText } from './support/browser.js';
import { ADMIN, type UiServer } from './support/server.js';
import { closeSuite, startSuite } from './support/suite.js';

let server: UiServer;
let browser: Browser;

beforeAll(async () => {
  ({ server, browser } = await startSuite());
});

afterAll(() => closeSuite({ server, browser }));

describe('signing in', () => {
  it('refuses a wrong password with the server’s message, then signs in and out', async () => {
    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();
    await page.goto('/settings/plugins');

    await page.getByLabel('E-mail').fill(ADMIN.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await waitForText(page.getByRole('alert'), /password/i);

    await page.getByLabel('Password').fill(ADMIN.password);
    await page.keyboard.press('Enter');
    // Back on the page asked for before signing in, with the navigation of a signed-in user.
    await page.waitForURL('**/settings/plugins');
    const current = page.getByRole('navigation', { name: 'Main' }).locator('a[aria-current="page"]');
    await waitForText(current, 'Plugins');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    const me = await context.request.get('/api/auth/me');
    expect(me.status()).toBe(401);
    await context.close();
  });
});
