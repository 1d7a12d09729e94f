import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, it } from 'vitest';
import { signedInPage } from '../support/browser.js';
import type { UiServer } from '../support/server.js';
import { closeSuite, startSuite } from '../support/suite.js';

const OUT = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));

let server: UiServer;
let browser: Browser;

beforeAll(async () => {
  // The first-party plugins with their demo data: what `TRELLIS_DEMO=1 npm start` shows once Sales is enabled.
  ({ server, browser } = await startSuite({
    pluginDirs: ['plugins', 'examples'],
    env: { TRELLIS_DEMO: '1', TRELLIS_DEFAULT_PLUGINS: 'contacts,sales' },
  }));
});

afterAll(() => closeSuite({ server, browser }));

/** Waits for the screen to settle (no request in flight, fonts drawn), then saves it. */
async function shoot(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${OUT}${name}.png` });
}

it('saves the main screens', async () => {
  const { context, page } = await signedInPage(browser, server, undefined, '/');
  await page.setViewportSize({ width: 1440, height: 900 });
  await shoot(page, 'dashboard');

  await page.goto('/records/contact');
  await page.getByRole('table').waitFor();
  await shoot(page, 'list');

  await page
    .getByRole('button', { name: /filter/i })
    .first()
    .click();
  await shoot(page, 'filter-builder');

  await page.goto('/records/company');
  await page.getByRole('table').waitFor();
  await page.getByRole('table').getByRole('link').first().click();
  await page.getByRole('tab').first().waitFor();
  await shoot(page, 'record');

  await page.goto('/settings/entities/company');
  await page.getByRole('heading', { level: 1 }).waitFor();
  await shoot(page, 'entity-editor');

  await page.goto('/settings/relation-types');
  await shoot(page, 'relation-types');

  await page.goto('/settings/roles/sales_rep');
  await shoot(page, 'permission-matrix');

  await page.goto('/plugins/sales/board');
  await page.getByRole('heading', { level: 1 }).waitFor();
  await shoot(page, 'sales-board');

  await page.goto('/plugins/sales/forecast');
  await page.getByRole('heading', { level: 1 }).waitFor();
  await shoot(page, 'sales-forecast');

  await page.goto('/settings/plugins');
  await shoot(page, 'plugin-manager');
  await context.close();

  const login = await browser.newPage({ baseURL: server.url, viewport: { width: 1440, height: 900 } });
  await login.goto('/login');
  await shoot(login, 'login');
  await login.close();
});
