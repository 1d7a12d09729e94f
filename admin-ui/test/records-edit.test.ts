import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInPage, waitForText } from './support/browser.js';
import type { UiServer } from './support/server.js';
import { closeSuite, startSuite } from './support/suite.js';

let server: UiServer;
let browser: Browser;

interface Row {
  id: string;
  [field: string]: unknown;
}

beforeAll(async () => {
  ({ server, browser } = await startSuite());
  await server.api('POST', '/api/meta/entities', {
    name: 'firm',
    label: 'Firm',
    fields: [
      { name: 'name', type: 'text', required: true },
      { name: 'employees', type: 'integer', options: { min: 0 } },
      { name: 'website', type: 'url' },
      {
        name: 'industry',
        type: 'select',
        options: {
          choices: [
            { value: 'software', label: 'Software' },
            { value: 'retail', label: 'Retail' },
          ],
        },
      },
      { name: 'founded', type: 'date' },
    ],
  });
  await server.api('POST', '/api/meta/entities', {
    name: 'person',
    label: 'Person',
    fields: [
      { name: 'first_name', type: 'text', required: true },
      { name: 'last_name', type: 'text' },
      { name: 'email', type: 'email', unique: true },
      { name: 'company', type: 'lookup', options: { target: 'firm' } },
    ],
  });
  await server.api('POST', '/api/meta/relation-types', {
    key: 'hires',
    label: 'employs',
    symmetric: { key: 'is_hired_by', label: 'is employed by' },
    subjectEntities: ['firm'],
    objectEntities: ['person'],
    fields: [{ name: 'role', type: 'text', required: true }],
  });
}, 60_000);

afterAll(() => closeSuite({ server, browser }));

/** A signed-in window on `path` whose steps fail after 10 s, naming the control that was missing. */
async function open(path: string) {
  return signedInPage(browser, server, undefined, path, 10_000);
}

async function firm(name: string, employees = 10): Promise<Row> {
  return (await server.api<{ data: Row }>('POST', '/api/records/firm', { name, employees })).data;
}

async function firmCount(): Promise<number> {
  return (await server.api<{ count: number }>('GET', '/api/records/firm/count')).count;
}

/** The message shown inside the input of the field labelled `label`. */
function messageOf(page: Page, label: string) {
  return page.locator('tr-field-input', { has: page.getByLabel(label, { exact: true }) }).locator('.field-error');
}

// The entities are firm and person: the bundled contacts plugin already owns company and contact.
describe('creating records', () => {
  it('creates a firm from the form with values of several types', async () => {
    const { context, page } = await open('/records/firm/new');
    await page.getByRole('heading', { name: 'New firm' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Acme Corp');
    await page.getByLabel('Employees').fill('120');
    await page.getByLabel('Website').fill('https://acme.example');
    await page.getByLabel('Industry').selectOption({ label: 'Software' });
    await page.getByLabel('Founded').fill('2001-05-04');
    await page.getByRole('button', { name: 'Create firm' }).click();

    await page.waitForURL(/\/records\/firm\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'Acme Corp' }).waitFor();
    const id = page.url().split('/').pop()!;
    const stored = (await server.api<{ data: Row }>('GET', `/api/records/firm/${id}`)).data;
    expect(stored).toMatchObject({
      name: 'Acme Corp',
      employees: 120,
      website: 'https://acme.example',
      industry: 'software',
      founded: '2001-05-04',
    });
    await context.close();
  });

  it('shows a refused value beside its field and creates nothing; a lookup is prefilled from the link', async () => {
    const before = await firmCount();
    const { context, page } = await open('/records/firm/new');
    await page.getByLabel('Name', { exact: true }).fill('Negative Inc');
    await page.getByLabel('Employees').fill('-5');
    await page.getByRole('button', { name: 'Create firm' }).click();

    await waitForText(messageOf(page, 'Employees'), /0/);
    expect(await page.getByLabel('Employees').getAttribute('aria-invalid')).toBe('true');
    expect(await messageOf(page, 'Name').count()).toBe(0);
    expect(page.url()).toMatch(/\/records\/firm\/new$/);
    expect(await firmCount()).toBe(before);

    const acme = await firm('Prefill Ltd');
    await page.goto(`/records/person/new?company=${acme.id}`);
    const picker = page.getByRole('combobox', { name: 'Company' });
    await expect.poll(() => picker.inputValue()).toBe('Prefill Ltd');
    await page.getByLabel('First name').fill('Ada');
    await page.getByRole('button', { name: 'Create person' }).click();
    await page.waitForURL(/\/records\/person\/[0-9a-f-]{36}$/);
    await page.getByRole('link', { name: 'Prefill Ltd' }).waitFor();
    await context.close();
  });
});

describe('the record page', () => {
  it('edits a field in place, shows a refusal beside it, and lists the change in the history', async () => {
    const globex = await firm('Globex', 40);
    const { context, page } = await open(`/records/firm/${globex.id}`);
    const edit = page.getByRole('button', { name: 'Edit Employees' });
    await waitForText(edit, '40');
    await edit.click();
    await page.getByLabel('Employees').fill('45');
    await page.getByLabel('Employees').press('Enter');
    await waitForText(edit, '45');

    await page.reload();
    await waitForText(page.getByRole('button', { name: 'Edit Employees' }), '45');
    expect((await server.api<{ data: Row }>('GET', `/api/records/firm/${globex.id}`)).data.employees).toBe(45);

    await page.getByRole('button', { name: 'Edit Employees' }).click();
    await page.getByLabel('Employees').fill('-3');
    await page.getByRole('button', { name: 'Save' }).click();
    await waitForText(messageOf(page, 'Employees'), /0/);
    // Still open, with the refused value, and nothing stored.
    expect(await page.getByLabel('Employees').inputValue()).toBe('-3');
    await page.getByLabel('Employees').press('Escape');
    await waitForText(page.getByRole('button', { name: 'Edit Employees' }), '45');
    expect((await server.api<{ data: Row }>('GET', `/api/records/firm/${globex.id}`)).data.employees).toBe(45);

    await page.getByRole('tab', { name: 'History' }).click();
    const history = page.getByRole('list', { name: 'History' });
    await waitForText(history.locator('li'), /Employees\s*40\s*→\s*45/);
    await context.close();
  });

  it('links a person through the Add relation dialog, shows it from both sides, and removes it', async () => {
    const initech = await firm('Initech');
    const ada = (await server.api<{ data: Row }>('POST', '/api/records/person', { first_name: 'Adaline', last_name: 'Byron' })).data;
    const { context, page } = await open(`/records/firm/${initech.id}`);

    await page.getByRole('button', { name: 'Add relation' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add relation' });
    await dialog.getByLabel('Relation').selectOption({ label: 'Firm employs …' });
    const picker = dialog.getByRole('combobox', { name: 'Record' });
    await picker.fill('Adal');
    await dialog.getByRole('option', { name: 'Adaline' }).click();
    await dialog.getByRole('button', { name: 'Add relation' }).click();
    // The type's required attribute is asked for beside its input.
    await waitForText(dialog.locator('tr-field-input').locator('.field-error'), /required/i);
    await dialog.getByLabel('Role').fill('CTO');
    await dialog.getByRole('button', { name: 'Add relation' }).click();

    const group = page.getByRole('region', { name: 'employs' });
    await group.getByRole('link', { name: 'Adaline' }).waitFor();
    await waitForText(group.locator('li'), 'Role: CTO');

    await group.getByRole('link', { name: 'Adaline' }).click();
    await page.waitForURL(`**/records/person/${ada.id}`);
    const back = page.getByRole('region', { name: 'is employed by' });
    await back.getByRole('link', { name: 'Initech' }).waitFor();

    await back.getByRole('button', { name: 'Remove relation with Initech' }).click();
    await page.getByRole('dialog', { name: 'Remove this relation?' }).getByRole('button', { name: 'Remove relation' }).click();
    await page.getByText('No relations yet.').waitFor();
    const left = await server.api<{ data: unknown[] }>('GET', `/api/records/firm/${initech.id}/relations`);
    expect(left.data).toEqual([]);
    await context.close();
  });

  it('adds a note to the timeline, then deletes the record after confirmation', async () => {
    const hooli = await firm('Hooli');
    const { context, page } = await open(`/records/firm/${hooli.id}`);
    await page.getByRole('tab', { name: 'Relations' }).press('ArrowRight');
    expect(await page.getByRole('tab', { name: 'Timeline' }).getAttribute('aria-selected')).toBe('true');
    await page.getByLabel('Note title').fill('Met at the fair');
    await page.getByLabel('Note text').fill('Wants a demo in May.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await waitForText(page.getByRole('list', { name: 'Timeline' }).locator('li'), 'Met at the fair');
    const timeline = await server.api<{ data: Array<{ kind: string; title: string; body: string }> }>(
      'GET',
      `/api/records/firm/${hooli.id}/timeline`,
    );
    expect(timeline.data[0]).toMatchObject({ kind: 'note', title: 'Met at the fair', body: 'Wants a demo in May.' });

    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete Hooli?' });
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect(await server.api<{ data: Row }>('GET', `/api/records/firm/${hooli.id}`)).toBeTruthy();

    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await confirm.getByRole('button', { name: 'Delete firm' }).click();
    await page.waitForURL(/\/records\/firm$/);
    const gone = await context.request.get(`/api/records/firm/${hooli.id}`);
    expect(gone.status()).toBe(404);

    await page.goto(`/records/firm/${hooli.id}`);
    await page.getByText('This record does not exist or you cannot see it.').waitFor();
    await context.close();
  });
});
