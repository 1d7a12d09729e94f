import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInPage, waitForText } from './support/browser.js';
import type { UiServer } from './support/server.js';
import { closeSuite, startSuite } from './support/suite.js';

let server: UiServer;
let browser: Browser;
let extra: string;

/** A plugin package written into `extra`: a plain definition, so it needs nothing installed. */
function writePlugin(name: string, definition: string): void {
  const dir = join(extra, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', type: 'module', trellis: { plugin: './index.js' } }));
  writeFileSync(join(dir, 'index.js'), `export default ${definition};\n`);
}

beforeAll(async () => {
  extra = mkdtempSync(join(tmpdir(), 'trellis-ui-plugins-'));
  // Its setup throws, so enabling it fails and marks it failed.
  writePlugin(
    'broken',
    `{ name: 'broken', version: '1.0.0', description: 'Fails to start', setup() { throw new Error('no API key configured for broken'); } }`,
  );
  // Requires a plugin nobody has, so enabling it is refused.
  writePlugin('needy', `{ name: 'needy', version: '1.0.0', requires: { plugins: { 'ghost-crm': '^2.0.0' } } }`);
  // Has demo data: three sample records, written through the records service (Tokens.Records).
  writePlugin(
    'seeded',
    `{ name: 'seeded', version: '1.0.0', entities: [{ name: 'seeded_item', label: 'Seeded item', fields: [{ name: 'title', type: 'text' }] }],
       async demo(ctx) { for (const title of ['a', 'b', 'c']) await ctx.services.get(Symbol.for('trellis.sdk.records')).create('seeded_item', { title }); } }`,
  );
  ({ server, browser } = await startSuite({ pluginDirs: ['examples', extra] }));
}, 90_000);

afterAll(async () => {
  await closeSuite({ server, browser });
  rmSync(extra, { recursive: true, force: true });
});

/** Goes to `path` inside the app, as a link would: no reload. */
async function go(page: Page, path: string): Promise<void> {
  await page.evaluate((to) => {
    history.pushState(null, '', to);
    window.dispatchEvent(new Event('trellis-navigated'));
  }, path);
}

/** The card of one plugin in the manager. */
const card = (page: Page, name: string) => page.getByRole('article', { name, exact: true });

/** Waits for a plugin's card to show `state`; a timeout says what the card showed instead. */
async function expectState(page: Page, name: string, state: string): Promise<void> {
  try {
    await waitForText(card(page, name).locator('[data-state]'), state, 15_000);
  } catch (error) {
    throw new Error(
      `${name} is not ${state}; its card shows: ${await card(page, name)
        .innerText()
        .catch(() => '(no card)')}`,
      { cause: error },
    );
  }
}

describe('the plugin manager', () => {
  it('enables hello from the UI: its navigation, page, widget and record panel appear, and go when it is disabled, without a reload', async () => {
    const { context, page } = await signedInPage(browser, server, undefined, '/settings/plugins');
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));
    const hello = card(page, 'hello');
    await waitForText(hello, 'discovered');
    await waitForText(hello, 'Says hello');
    const nav = page.getByRole('navigation', { name: 'Main' });
    const apps = nav.getByRole('region', { name: 'Apps' });
    expect(await apps.count()).toBe(0);

    await hello.getByRole('button', { name: 'Install hello' }).click();
    await waitForText(hello, 'installed');
    await hello.getByRole('button', { name: 'Enable hello' }).click();
    await expectState(page, 'hello', 'enabled');
    await waitForText(page.getByRole('status'), 'Enabled hello 1.0.0');

    // The navigation shows the plugin's entry at once; its page renders the plugin's element, fed by its route.
    await apps.getByRole('link', { name: 'Greetings' }).click();
    await page.getByRole('heading', { name: 'Greetings' }).waitFor();
    await waitForText(page.locator('hello-greeting-card'), 'Hello, world!');

    // The dashboard shows its widget; a greeting's page shows its panel and its action.
    const { data: greeting } = await server.api<{ data: { id: string } }>('POST', '/api/records/hello_greeting', {
      message: 'Bonjour, Ada!',
      language: 'fr',
    });
    await nav.getByRole('link', { name: 'Home' }).click();
    const widget = page.getByRole('region', { name: 'A greeting' });
    await waitForText(widget, /Bonjour, Ada!|Hello, world!/);
    await go(page, `/records/hello_greeting/${greeting.id}`);
    const panel = page.getByRole('region', { name: 'Greeting', exact: true });
    await waitForText(panel, 'Bonjour, Ada!');
    await waitForText(panel, 'Said in French');
    await page.getByRole('button', { name: 'Say hello' }).click();
    await waitForText(page.locator('hello-greet-action'), 'Hello, ');

    // Disabled: everything it added goes, still without a reload.
    await go(page, '/settings/plugins');
    await card(page, 'hello').getByRole('button', { name: 'Disable hello' }).click();
    await expectState(page, 'hello', 'disabled');
    await apps.getByRole('link', { name: 'Greetings' }).waitFor({ state: 'detached' });
    await go(page, '/plugins/hello/greetings');
    await waitForText(page.getByRole('heading', { level: 1 }), 'hello is not enabled');
    await page.getByRole('link', { name: 'Open the plugin manager' }).waitFor();
    expect(await page.locator('hello-greeting-card').count()).toBe(0);
    await go(page, '/');
    await page.getByRole('heading', { level: 1, name: /Good (morning|afternoon|evening)/ }).waitFor();
    expect(await page.getByRole('region', { name: 'A greeting' }).count()).toBe(0);
    await go(page, `/records/hello_greeting/${greeting.id}`);
    await waitForText(page.getByRole('heading', { level: 1 }), 'Bonjour, Ada!');
    expect(await page.locator('hello-record-panel').count()).toBe(0);
    expect(await page.locator('hello-greet-action').count()).toBe(0);
    expect(await page.evaluate(() => 'sameDocument' in window)).toBe(true);
    await context.close();
  });

  it('uninstalls only once the plugin’s name is typed, after saying its data is deleted', async () => {
    // Installed with data, and disabled (as the first test leaves it, when it ran).
    await server.api('POST', '/api/plugins/hello/enable');
    await server.api('POST', '/api/plugins/hello/disable');
    const { context, page } = await signedInPage(browser, server, undefined, '/settings/plugins');
    const hello = card(page, 'hello');
    await expectState(page, 'hello', 'disabled');
    await hello.getByRole('button', { name: 'Uninstall hello' }).click();
    const dialog = page.getByRole('dialog', { name: 'Uninstall hello?' });
    await waitForText(dialog, 'All records of its entities: Greetings');
    await waitForText(dialog, 'the server will drop');
    const confirm = dialog.getByRole('button', { name: 'Uninstall and delete data' });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel('Type hello to confirm').fill('hell');
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel('Type hello to confirm').fill('hello');
    await confirm.click();
    await dialog.waitFor({ state: 'hidden' });
    await expectState(page, 'hello', 'discovered');
    const plugins = await server.api<{ data: Array<{ name: string; state: string }> }>('GET', '/api/plugins');
    expect(plugins.data.find((plugin) => plugin.name === 'hello')?.state).toBe('discovered');
    await context.close();
  });

  it('shows why a plugin failed to enable, and names a missing dependency', async () => {
    const { context, page } = await signedInPage(browser, server, undefined, '/settings/plugins');
    const broken = card(page, 'broken');
    await broken.getByRole('button', { name: 'Enable broken' }).click();
    await expectState(page, 'broken', 'failed');
    await waitForText(broken.getByRole('alert'), 'no API key configured for broken');

    const needy = card(page, 'needy');
    await waitForText(needy, /ghost-crm \^2\.0\.0 \(not found\)/);
    await needy.getByRole('button', { name: 'Enable needy' }).click();
    await waitForText(needy.getByRole('alert'), 'ghost-crm');
    await expectState(page, 'needy', 'discovered');
    await context.close();
  });

  it('adds a plugin’s demo data on request, once', async () => {
    const { context, page } = await signedInPage(browser, server, undefined, '/settings/plugins');
    const seeded = card(page, 'seeded');
    expect(await seeded.getByRole('button', { name: 'Add demo data seeded' }).count()).toBe(0);
    await seeded.getByRole('button', { name: 'Enable seeded' }).click();
    await expectState(page, 'seeded', 'enabled');
    // hello has no demo data: no such button on its card.
    expect(await card(page, 'hello').getByRole('button', { name: 'Add demo data hello' }).count()).toBe(0);

    await seeded.getByRole('button', { name: 'Add demo data seeded' }).click();
    await waitForText(seeded.getByRole('status'), 'Added the demo data of seeded.');
    const count = async () => (await server.api<{ count: number }>('GET', '/api/records/seeded_item/count')).count;
    expect(await count()).toBe(3);
    await seeded.getByRole('button', { name: 'Add demo data seeded' }).click();
    await waitForText(seeded.getByRole('status'), 'already there');
    expect(await count()).toBe(3);
    await context.close();
  });
});
