import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInPage, waitForText } from './support/browser.js';
import type { UiServer } from './support/server.js';
import { closeSuite, startSuite } from './support/suite.js';

let server: UiServer;
let browser: Browser;
/** Member ids by name ("Member 07"). */
const ids = new Map<string, string>();

const name = (n: number) => `Member ${String(n).padStart(2, '0')}`;

beforeAll(async () => {
  ({ server, browser } = await startSuite());
  await server.api('POST', '/api/meta/entities', { name: 'club', label: 'Club', fields: [{ name: 'name', type: 'text', required: true }] });
  await server.api('POST', '/api/meta/entities', {
    name: 'member',
    label: 'Member',
    fields: [
      { name: 'name', type: 'text', required: true },
      { name: 'email', type: 'email' },
      { name: 'score', type: 'integer', indexed: true },
      { name: 'status', type: 'select', options: { choices: ['lead', 'customer'] } },
      { name: 'vip', type: 'boolean' },
    ],
  });
  const records = Array.from({ length: 60 }, (_, i) => ({
    name: name(i + 1),
    email: `person${i + 1}@example.com`,
    score: i + 1,
    status: i % 2 ? 'lead' : 'customer',
    vip: i % 5 === 0,
  }));
  const created = await server.api<{ data: { id: string; name: string }[] }>('POST', '/api/records/member', records);
  for (const record of created.data) ids.set(record.name, record.id);
  const acme = await server.api<{ data: { id: string } }>('POST', '/api/records/club', { name: 'Acme Club' });
  await server.api('POST', '/api/meta/relation-types', {
    key: 'plays_for',
    label: 'plays for',
    symmetric: { key: 'has_player', label: 'has player' },
    subjectEntities: ['member'],
    objectEntities: ['club'],
  });
  await server.api('POST', `/api/records/member/${ids.get(name(7))}/relations`, {
    type: 'plays_for',
    object: { entity: 'club', id: acme.data.id },
  });
}, 60_000);

afterAll(() => closeSuite({ server, browser }));

const rows = (page: Page) => page.locator('tr-record-table tbody tr');
const firstTitle = (page: Page) => rows(page).first().locator('td.title a').textContent();
const count = (page: Page) => page.locator('tr-entity-list-page .count');

async function openList(path = '/records/member') {
  const opened = await signedInPage(browser, server, undefined, path);
  await opened.page.getByRole('heading', { name: 'Members' }).waitFor();
  return opened;
}

/** Waits until the table shows `n` record rows (skeleton rows have no checkbox). */
async function waitForRows(page: Page, n: number) {
  await page.waitForFunction(
    ([expected]) => {
      const find = (root: Document | ShadowRoot): Element | null => {
        for (const element of root.querySelectorAll('*')) {
          if (element.tagName === 'TR-RECORD-TABLE') return element;
          const inner = element.shadowRoot && find(element.shadowRoot);
          if (inner) return inner;
        }
        return null;
      };
      const table = find(document);
      return table?.shadowRoot?.querySelectorAll('tbody tr td.title').length === expected;
    },
    [n],
    { timeout: 10_000 },
  );
}

describe('entity list', () => {
  it('shows the first page with the count, and loads the next page on scroll', async () => {
    const { context, page } = await openList();
    await waitForText(count(page), '60 members');
    await waitForRows(page, 50);
    // Default columns: the title, the other fields, the last change.
    for (const column of ['Name', 'Email', 'Score', 'Status', 'Vip', 'Updated at']) {
      await page.getByRole('columnheader', { name: column }).waitFor();
    }
    expect(await page.getByRole('link', { name: 'New member' }).getAttribute('href')).toBe('/records/member/new');
    await page.getByRole('button', { name: 'Load more' }).scrollIntoViewIfNeeded();
    await waitForRows(page, 60);
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);

    // An entity the user may not read is not in the metadata, exactly like one that does not exist.
    await page.goto('/records/nothing_here');
    await waitForText(page.getByRole('alert'), 'You do not have access to this list or it does not exist');
    await context.close();
  });

  it('sorts by a column header and keeps the sort in the URL', async () => {
    const { context, page } = await openList();
    await waitForRows(page, 50);
    const score = page.getByRole('columnheader', { name: 'Score' });
    await score.getByRole('button').click();
    await waitForText(rows(page).first(), name(1));
    expect(new URL(page.url()).search).toBe('?sort=score');
    expect(await score.getAttribute('aria-sort')).toBe('ascending');
    await score.getByRole('button').click();
    await waitForText(rows(page).first(), name(60));
    expect(new URL(page.url()).search).toBe('?sort=-score');
    await page.reload();
    await waitForText(rows(page).first(), name(60));
    expect(await page.getByRole('columnheader', { name: 'Score' }).getAttribute('aria-sort')).toBe('descending');

    await context.close();
  });

  it('filters with the builder; the filter is in the URL and survives a reload', async () => {
    const { context, page } = await openList();
    await waitForRows(page, 50);
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByRole('button', { name: '+ Add condition' }).click();
    await page.getByLabel('Condition 1 field').selectOption({ label: 'Score' });
    await page.getByLabel('Condition 1 operator').selectOption({ label: 'at least' });
    await page.getByLabel('Condition 1 value').fill('50');
    await page.getByLabel('Condition 1 value').press('Enter');
    await waitForText(count(page), '11 members');
    await waitForRows(page, 11);
    const filter = new URL(page.url()).searchParams.get('filter');
    expect(JSON.parse(filter ?? 'null')).toEqual({ and: [{ score: { gte: 50 } }] });

    await page.reload();
    await waitForText(count(page), '11 members');
    expect(await page.getByLabel('Condition 1 value').inputValue()).toBe('50');

    // A second condition on a select field, joined with "all".
    await page.getByRole('button', { name: '+ Add condition' }).click();
    await page.getByLabel('Condition 2 field').selectOption({ label: 'Status' });
    await page.getByLabel('Condition 2 value').selectOption('customer');
    await waitForText(count(page), '5 members');
    await context.close();
  });

  it('shows why the API refuses a filter, with a way out', async () => {
    const { context, page } = await openList(`/records/member?filter=${encodeURIComponent('{"and":[{"score":{"contains":"x"}}]}')}`);
    await waitForText(page.getByRole('alert'), /Condition 1 \(Score\): operator "contains" does not apply to integer/);
    await page.getByRole('alert').getByRole('button', { name: 'Clear filters' }).click();
    await waitForRows(page, 50);
    expect(new URL(page.url()).search).toBe('');
    await context.close();
  });

  it('searches with the quick search box', async () => {
    const { context, page } = await openList();
    await waitForRows(page, 50);
    await page.getByLabel('Search members').fill('member 0');
    await waitForText(count(page), '9 members');
    await waitForRows(page, 9);
    expect(new URL(page.url()).searchParams.get('q')).toBe('member 0');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await waitForText(count(page), '60 members');
    expect(await page.getByLabel('Search members').inputValue()).toBe('');
    await context.close();
  });

  it('filters by relation: has one, has none', async () => {
    const { context, page } = await openList();
    await waitForRows(page, 50);
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByRole('button', { name: '+ Add relation condition' }).click();
    await page.getByLabel('Condition 1 relation type').selectOption({ label: 'plays for' });
    await waitForText(count(page), '1 member');
    await waitForRows(page, 1);
    expect(await firstTitle(page)).toBe(name(7));
    expect(JSON.parse(new URL(page.url()).searchParams.get('filter') ?? 'null')).toEqual({ and: [{ $relation: { type: 'plays_for' } }] });

    await page.getByLabel('Condition 1 has or has not').selectOption({ label: 'has no relation' });
    await waitForText(count(page), '59 members');

    // Related to records matching a condition on their own fields.
    await page.getByLabel('Condition 1 has or has not').selectOption({ label: 'has a relation' });
    await page.getByLabel('Condition 1 related to').selectOption({ label: 'a record where…' });
    await page.getByLabel('Condition 1 related field').selectOption({ label: 'Name' });
    await page.getByLabel('Condition 1 related operator').selectOption({ label: 'contains' });
    await page.getByLabel('Condition 1 related value').fill('acme');
    await page.getByLabel('Condition 1 related value').press('Enter');
    await waitForText(count(page), '1 member');
    await page.getByLabel('Condition 1 related value').fill('nowhere');
    await page.getByLabel('Condition 1 related value').press('Enter');
    await waitForText(page.getByText('No members match this search or filter.'), 'No members');
    await context.close();
  });

  it('updates a field of the selected rows', async () => {
    const { context, page } = await openList('/records/member?sort=score');
    await waitForRows(page, 50);
    await page.getByLabel(`Select ${name(3)}`).check();
    await page.getByLabel(`Select ${name(4)}`).check();
    const bar = page.getByRole('region', { name: 'Bulk actions' });
    await waitForText(bar, '2 selected');
    await bar.getByRole('button', { name: 'Update a field' }).click();
    const dialog = page.getByRole('dialog', { name: 'Update 2 members' });
    await dialog.getByLabel('Field to update').selectOption({ label: 'Score' });
    await dialog.getByLabel('Score').fill('1000');
    await dialog.getByRole('button', { name: 'Update 2' }).click();
    await dialog.waitFor({ state: 'hidden' });
    // Reloaded in score order: both moved to the end, so the third row is now Member 05.
    await waitForText(rows(page).nth(2), name(5));
    for (const n of [3, 4]) {
      const record = await server.api<{ data: { score: number } }>('GET', `/api/records/member/${ids.get(name(n))}`);
      expect(record.data.score).toBe(1000);
    }
    await context.close();
  });

  it('deletes the selected rows after confirmation', async () => {
    const { context, page } = await openList('/records/member?sort=score');
    await waitForRows(page, 50);
    await page.getByLabel(`Select ${name(1)}`).check();
    await page.getByLabel(`Select ${name(2)}`).check();
    await page.getByRole('region', { name: 'Bulk actions' }).getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete 2 members?' });
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await waitForText(rows(page).first(), name(5));
    await waitForText(count(page), '58 members');
    expect(await page.getByLabel(`Select ${name(1)}`).count()).toBe(0);
    const left = await server.api<{ count: number }>(
      'GET',
      `/api/records/member/count?filter=${encodeURIComponent(JSON.stringify({ id: { in: [ids.get(name(1)), ids.get(name(2))] } }))}`,
    );
    expect(left.count).toBe(0);
    await context.close();
  });

  it('hides a column with the column chooser, and remembers it after a reload', async () => {
    const { context, page } = await openList();
    await waitForRows(page, 50);
    await page.getByRole('columnheader', { name: 'Email' }).waitFor();
    await page.getByRole('button', { name: 'Columns' }).click();
    const dialog = page.getByRole('dialog', { name: 'Columns' });
    await dialog.getByRole('checkbox', { name: 'Email' }).uncheck();
    await dialog.getByRole('button', { name: 'Move Score up' }).click();
    await dialog.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('columnheader', { name: 'Email' }).waitFor({ state: 'detached' });
    await page.reload();
    await waitForRows(page, 50);
    const headers = await page.locator('tr-record-table thead th').allTextContents();
    expect(headers.map((text) => text.trim()).filter(Boolean)).toEqual(['Score', 'Name', 'Status', 'Vip', 'Updated at']);
    await context.close();
  });
});
