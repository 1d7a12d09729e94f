import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signedInPage, waitForText } from './support/browser.js';
import { startServer, type UiServer } from './support/server.js';

let server: UiServer;
let browser: Browser;

interface Stage {
  id: string;
  name: string;
  kind: string;
}
interface Deal {
  id: string;
  title: string;
  stage: string;
  lost_reason: string | null;
  updated_at: string;
}

let stages: Stage[];

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ pluginDirs: ['plugins'], env: { TRELLIS_DEMO: '1' } }), launchBrowser()]);
  // Enabling sales with demo data on seeds its demo deals (contacts, enabled by default, seeded its companies).
  await server.api('POST', '/api/plugins/sales/enable');
  stages = (await server.api<{ data: Stage[] }>('GET', '/api/records/sales_stage?sort=position&limit=50')).data;
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const stageId = (name: string) => stages.find((stage) => stage.name === name)!.id;
const deal = async (id: string) => (await server.api<{ data: Deal }>('GET', `/api/records/sales_deal/${id}`)).data;

/** A board column by its stage's name. */
const column = (page: Page, name: string) => page.locator(`section[data-stage="${name}"]`);

/** The number in a column's header. */
async function count(page: Page, name: string): Promise<number> {
  return Number(await column(page, name).locator('[data-count]').textContent());
}

/** Waits until a column's header counts `expected` deals. */
async function expectCount(page: Page, name: string, expected: number): Promise<void> {
  await expect.poll(() => count(page, name), { timeout: 10_000 }).toBe(expected);
}

/** The first card of a column, and its deal's id (read from its link). */
async function firstCard(page: Page, name: string): Promise<{ card: Locator; id: string; title: string }> {
  const card = column(page, name).locator('article').first();
  await card.waitFor();
  const link = card.getByRole('link').first();
  const id = (await link.getAttribute('href'))!.split('/').pop()!;
  return { card, id, title: (await link.textContent())!.trim() };
}

/** Drops a card on a column's list with HTML5 drag and drop. */
async function drag(page: Page, card: Locator, to: string): Promise<void> {
  await card.dragTo(column(page, to).locator('ul'));
}

async function openBoard(who?: { email: string; password: string }): Promise<{ page: Page; close: () => Promise<void> }> {
  const { context, page } = await signedInPage(browser, server, who, '/plugins/sales/board');
  // Wide enough for every column: dragTo scrolls the target into view, which would shift a source that is scrolled out.
  await page.setViewportSize({ width: 1680, height: 900 });
  await page.getByRole('heading', { level: 1, name: 'Pipeline' }).waitFor();
  await column(page, 'Qualification').locator('[data-count]').waitFor();
  return { page, close: () => context.close() };
}

describe('the sales board', () => {
  it('shows the demo pipeline; dragging a deal to Won moves it, updates the totals and writes the timeline', async () => {
    const { page, close } = await openBoard();
    const apps = page.getByRole('navigation', { name: 'Main' }).getByRole('region', { name: 'Apps' });
    for (const name of ['Pipeline', 'Forecast', 'Activities']) await apps.getByRole('link', { name, exact: true }).waitFor();
    expect(await page.getByLabel('Pipeline', { exact: true }).locator('option:checked').textContent()).toBe('Sales');
    for (const name of ['Qualification', 'Proposal', 'Negotiation']) expect(await count(page, name)).toBe(7);
    expect(await count(page, 'Won')).toBe(4);
    expect(await count(page, 'Lost')).toBe(4);
    // Every fourth open demo deal sits past its stage's rotting days.
    expect(await page.locator('[data-rotting]').count()).toBeGreaterThan(0);
    const wonTotal = await column(page, 'Won').locator('[data-amount]').textContent();
    const qualificationTotal = await column(page, 'Qualification').locator('[data-amount]').textContent();

    const { card, id, title } = await firstCard(page, 'Qualification');
    await drag(page, card, 'Won');
    await expectCount(page, 'Won', 5);
    expect(await count(page, 'Qualification')).toBe(6);
    await waitForText(column(page, 'Won').locator('article'), title);
    await expect.poll(async () => (await deal(id)).stage).toBe(stageId('Won'));
    expect(await column(page, 'Won').locator('[data-amount]').textContent()).not.toBe(wonTotal);
    expect(await column(page, 'Qualification').locator('[data-amount]').textContent()).not.toBe(qualificationTotal);

    // The deal's record page shows the move on its timeline.
    await column(page, 'Won').locator(`a[href="/records/sales_deal/${id}"]`).click();
    await page.getByRole('tab', { name: 'Timeline' }).click();
    await waitForText(page.getByRole('list', { name: 'Timeline' }).locator('li'), 'Moved from Qualification to Won');
    await close();
  });

  it('asks why a deal was lost: cancelling keeps it where it was, a reason moves it', async () => {
    const { page, close } = await openBoard();
    const proposals = await count(page, 'Proposal');
    const lost = await count(page, 'Lost');
    const { card, id, title } = await firstCard(page, 'Proposal');

    await drag(page, card, 'Lost');
    const dialog = page.getByRole('dialog', { name: `Why was “${title}” lost?` });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await count(page, 'Proposal')).toBe(proposals);
    expect(await count(page, 'Lost')).toBe(lost);
    await waitForText(column(page, 'Proposal').locator('article'), title);
    expect((await deal(id)).stage).toBe(stageId('Proposal'));

    await drag(page, column(page, 'Proposal').locator('article', { hasText: title }), 'Lost');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Mark as lost' }).click();
    await waitForText(dialog, 'Choose why the deal was lost');
    await dialog.getByRole('radio', { name: 'No budget' }).check();
    await dialog.getByRole('button', { name: 'Mark as lost' }).click();
    await expectCount(page, 'Lost', lost + 1);
    expect(await count(page, 'Proposal')).toBe(proposals - 1);
    await expect.poll(async () => (await deal(id)).stage).toBe(stageId('Lost'));
    expect((await deal(id)).lost_reason).toBe('No budget');
    await close();
  });

  it('moves a deal from the keyboard, and says so when someone else changed it first', async () => {
    const { page, close } = await openBoard();
    const negotiations = await count(page, 'Negotiation');
    const { id, title } = await firstCard(page, 'Qualification');
    await column(page, 'Qualification').getByLabel(`Move ${title} to`).first().selectOption({ label: 'Negotiation' });
    await expectCount(page, 'Negotiation', negotiations + 1);
    await expect.poll(async () => (await deal(id)).stage).toBe(stageId('Negotiation'));

    // Someone else moves the next card while this board still shows it as it was.
    const other = await firstCard(page, 'Qualification');
    const before = await deal(other.id);
    await server.api('POST', `/api/plugins/sales/deals/${other.id}/move`, { stage: stageId('Proposal'), updated_at: before.updated_at });
    await column(page, 'Qualification').getByLabel(`Move ${other.title} to`).first().selectOption({ label: 'Won' });
    await waitForText(page.getByRole('alert'), `Someone else changed “${other.title}”`);
    // The card shows the deal where it now is, and the server kept the other person's move.
    await waitForText(column(page, 'Proposal').locator('article'), other.title);
    expect((await deal(other.id)).stage).toBe(stageId('Proposal'));

    // The search box narrows every column to deals whose title or company matches.
    await page.getByLabel('Search deals').fill('granite');
    const shown = async () => {
      const texts = await page.locator('article').allTextContents();
      return texts.length > 0 && texts.every((text) => /granite/i.test(text));
    };
    await expect.poll(shown, { timeout: 10_000 }).toBe(true);
    expect(new URL(page.url()).searchParams.get('q')).toBe('granite');

    // At 900 px the columns scroll sideways inside the board; the page itself does not.
    await page.setViewportSize({ width: 900, height: 800 });
    const widths = await column(page, 'Won').evaluate((section) => {
      const columns = (section.getRootNode() as ShadowRoot).host.parentElement!;
      return { scroll: columns.scrollWidth, client: columns.clientWidth, page: document.documentElement.scrollWidth };
    });
    expect(widths.scroll).toBeGreaterThan(widths.client);
    expect(widths.page).toBeLessThanOrEqual(900);
    await close();
  });

  it('shows the forecast by month, stage and owner', async () => {
    const { context, page } = await signedInPage(browser, server, undefined, '/plugins/sales/forecast');
    await page.getByRole('heading', { level: 1, name: 'Forecast' }).waitFor();
    const byStage = page.getByRole('region', { name: 'By stage' });
    await waitForText(byStage.locator('tbody tr'), 'Negotiation');
    expect(Number(await page.locator('[data-total-count]').textContent())).toBeGreaterThan(0);
    expect(await page.getByRole('img', { name: /Weighted forecast by month/ }).count()).toBe(1);
    expect(await page.getByRole('region', { name: 'By month' }).locator('tbody tr').count()).toBeGreaterThan(0);
    await context.close();
  });

  it('lists a company’s deals in its panel, and due activities that can be marked done', async () => {
    const { data: deals } = await server.api<{ data: Array<Deal & { company: string }> }>(
      'GET',
      `/api/records/sales_deal?${new URLSearchParams({ filter: JSON.stringify({ company: { isNull: false } }), limit: '1' })}`,
    );
    const company = deals[0]!.company;
    const { context, page } = await signedInPage(browser, server, undefined, `/records/company/${company}`);
    const panel = page.getByRole('region', { name: 'Deals', exact: true });
    await waitForText(panel.locator('tbody tr'), deals[0]!.title);
    expect(await panel.getByRole('link', { name: 'New deal' }).getAttribute('href')).toBe(`/records/sales_deal/new?company=${company}`);

    await page.goto('/plugins/sales/activities');
    await page.getByRole('heading', { level: 1, name: 'Activities' }).waitFor();
    await page.getByLabel('Due').selectOption({ label: 'Within 30 days' });
    await page.locator('tr.overdue').first().waitFor();
    const overdue = page.locator('tr.overdue').first();
    const subject = (await overdue.getByRole('link').first().textContent())!.trim();
    const activityId = (await overdue.getByRole('link').first().getAttribute('href'))!.split('/').pop()!;
    // The record it is about is a link (the links arrive just after the rows).
    await overdue.locator('td.about a').first().waitFor();
    await overdue.getByRole('button', { name: `Mark “${subject}” done` }).click();
    await waitForText(page.getByRole('status'), `“${subject}” is done.`);
    const activity = await server.api<{ data: { done: boolean } }>('GET', `/api/records/sales_activity/${activityId}`);
    expect(activity.data.done).toBe(true);
    await context.close();
  });

  it('shows a sales rep only their own deals', async () => {
    const rep = { email: 'rep@example.com', password: 'rep-password-for-tests' };
    const { data: user } = await server.api<{ data: { id: string } }>('POST', '/api/users', {
      ...rep,
      name: 'Riley Rep',
      roles: ['sales_rep'],
    });
    await server.api('POST', '/api/records/sales_deal', {
      title: 'Riley’s first deal',
      amount: { amount: 4200, currency: 'EUR' },
      owner_id: user.id,
    });
    const { page, close } = await openBoard(rep);
    await waitForText(column(page, 'Qualification').locator('article'), 'Riley’s first deal');
    const counts = await Promise.all(stages.map((stage) => count(page, stage.name)));
    expect(counts.reduce((sum, one) => sum + one, 0)).toBe(1);
    expect(await page.locator('article').count()).toBe(1);
    await close();
  });

  it('goes from the navigation when Sales is disabled, without a reload, and keeps the deals', async () => {
    const before = await server.api<{ count: number }>('GET', '/api/records/sales_deal/count');
    const { page, close } = await openBoard();
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));
    const apps = page.getByRole('navigation', { name: 'Main' }).getByRole('region', { name: 'Apps' });
    await apps.getByRole('link', { name: 'Forecast' }).waitFor();

    await server.api('POST', '/api/plugins/sales/disable');
    // Other windows learn of plugin changes when they regain focus (or within 30 s).
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await apps.getByRole('link', { name: 'Pipeline', exact: true }).waitFor({ state: 'detached' });
    expect(await apps.getByRole('link', { name: 'Forecast' }).count()).toBe(0);
    expect(await page.evaluate(() => 'sameDocument' in window)).toBe(true);

    await server.api('POST', '/api/plugins/sales/enable');
    const after = await server.api<{ count: number }>('GET', '/api/records/sales_deal/count');
    expect(after.count).toBe(before.count);
    expect(before.count).toBeGreaterThan(29);
    await close();
  });
});
