import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityView, FieldMetadata, RelationTypeMetadata } from '../src/api/types.js';
import { signedInPage, waitForText } from './support/browser.js';
import type { UiServer } from './support/server.js';
import { closeSuite, startSuite } from './support/suite.js';

let server: UiServer;
let browser: Browser;

beforeAll(async () => {
  ({ server, browser } = await startSuite());
  // A fresh server has company and contact; a company record for the lookup to point to.
  await server.api('POST', '/api/records/company', { name: 'Acme' });
}, 60_000);

afterAll(() => closeSuite({ server, browser }));

/** A signed-in window on `path`; actions fail after 15 s, naming the control they waited for. */
async function open(path: string) {
  return signedInPage(browser, server, undefined, path, 15_000);
}

async function ownFields(entity: string): Promise<FieldMetadata[]> {
  const { data } = await server.api<{ data: EntityView }>('GET', `/api/meta/entities/${entity}`);
  return data.fields.filter((field) => !field.system);
}

/** Opens "Add field", picks a type, fills the label, lets `more` fill the rest, and adds the field. */
async function addField(page: Page, label: string, type: string, more: (dialog: Locator) => Promise<unknown> = () => Promise.resolve()) {
  await page.getByRole('button', { name: 'Add field', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: /Add a field/ });
  await dialog.getByLabel('Label', { exact: true }).fill(label);
  await dialog.getByRole('radio', { name: type, exact: true }).check();
  await more(dialog);
  await dialog.getByRole('button', { name: 'Add field', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.getByRole('cell', { name: label, exact: true }).waitFor();
}

describe('customising entities, fields and relation types', () => {
  it('creates an entity with fields of several types, shown in the navigation at once', async () => {
    const { context, page } = await open('/settings/entities');
    await page.getByRole('button', { name: 'New entity' }).click();
    const create = page.getByRole('dialog', { name: 'New entity' });
    await create.getByLabel('Label', { exact: true }).fill('Project');
    // Name and plural are suggested from the label.
    expect(await create.getByLabel('Name').inputValue()).toBe('project');
    expect(await create.getByLabel('Plural label').inputValue()).toBe('Projects');
    await create.getByLabel('Description').fill('Work we do for clients');
    await create.getByRole('button', { name: 'Create entity' }).click();
    await page.waitForURL('**/settings/entities/project');
    // The navigation knows the new entity without a reload.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Projects' }).waitFor();

    await addField(page, 'Title', 'Text', (dialog) => dialog.getByLabel('Required').check());
    await addField(page, 'Stage', 'Single select', async (dialog) => {
      await dialog.getByRole('button', { name: '+ Add choice' }).click();
      await dialog.getByLabel('Choice 1 label').fill('Lead');
      await dialog.getByLabel('Choice 1 label').press('Enter'); // adds the next choice
      await dialog.getByLabel('Choice 2 label').fill('Done');
      await dialog.getByLabel('Choice 2 colour').fill('#2e7d32');
      await dialog.getByRole('button', { name: '+ Add choice' }).click();
      await dialog.getByLabel('Choice 3 label').fill('In progress');
      expect(await dialog.getByLabel('Choice 3 value').inputValue()).toBe('in_progress');
      await dialog.getByRole('button', { name: 'Move choice 3 up' }).click();
      await dialog.getByRole('button', { name: '+ Add choice' }).click();
      await dialog.getByLabel('Choice 4 label').fill('Spare');
      await dialog.getByRole('button', { name: 'Remove choice 4' }).click();
      await dialog.getByLabel('Default value').selectOption('lead');
    });
    await addField(page, 'Budget', 'Currency', (dialog) => dialog.getByLabel('Default currency').fill('eur'));
    await addField(page, 'Start date', 'Date');
    await addField(page, 'Client', 'Link to a record', (dialog) => dialog.getByLabel('Points to').selectOption({ label: 'Company' }));
    await addField(page, 'Billable', 'Yes / no');

    const fields = await ownFields('project');
    expect(
      fields.map(({ name, type, required, unique, default: value, options }) => ({
        name,
        type,
        required,
        unique,
        default: value,
        options,
      })),
    ).toEqual([
      { name: 'title', type: 'text', required: true, unique: false, default: null, options: {} },
      {
        name: 'stage',
        type: 'select',
        required: false,
        unique: false,
        default: 'lead',
        options: {
          choices: [
            { value: 'lead', label: 'Lead' },
            { value: 'in_progress', label: 'In progress' },
            { value: 'done', label: 'Done', color: '#2e7d32' },
          ],
        },
      },
      { name: 'budget', type: 'currency', required: false, unique: false, default: null, options: { defaultCurrency: 'EUR' } },
      { name: 'start_date', type: 'date', required: false, unique: false, default: null, options: {} },
      { name: 'client', type: 'lookup', required: false, unique: false, default: null, options: { target: 'company' } },
      { name: 'billable', type: 'boolean', required: false, unique: false, default: null, options: {} },
    ]);
    const { data: project } = await server.api<{ data: EntityView }>('GET', '/api/meta/entities/project');
    expect([project.label, project.pluralLabel, project.description]).toEqual(['Project', 'Projects', 'Work we do for clients']);
    await context.close();
  });

  it('shows a refused field name beside the name input', async () => {
    const { context, page } = await open('/settings/entities/project');
    await page.getByRole('button', { name: 'Add field', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: /Add a field/ });
    await dialog.getByLabel('Label', { exact: true }).fill('Order');
    expect(await dialog.getByLabel('Name').inputValue()).toBe('order');
    await dialog.getByRole('button', { name: 'Add field', exact: true }).click();
    const message = dialog.locator('#field-name-msg');
    await waitForText(message, '"order" is a reserved word');
    expect(await dialog.getByLabel('Name').getAttribute('aria-invalid')).toBe('true');

    // A name already taken is refused beside the same input.
    await dialog.getByLabel('Name').fill('title');
    await dialog.getByRole('button', { name: 'Add field', exact: true }).click();
    await waitForText(message, /title/);
    expect(await message.getAttribute('class')).toBe('field-error');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect((await ownFields('project')).map((field) => field.name)).not.toContain('order');
    await context.close();
  });

  it('adds a choice by editing a field, and deletes a field once its name is typed', async () => {
    const { context, page } = await open('/settings/entities/project');
    await page.getByRole('button', { name: 'Edit Stage' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit field “Stage”' });
    expect(await edit.getByLabel('Choice 3 value').inputValue()).toBe('done');
    await edit.getByRole('button', { name: '+ Add choice' }).click();
    await edit.getByLabel('Choice 4 label').fill('Lost');
    await edit.getByRole('button', { name: 'Save field' }).click();
    await edit.waitFor({ state: 'hidden' });
    const stage = (await ownFields('project')).find((field) => field.name === 'stage');
    expect(stage?.options.choices?.at(-1)).toEqual({ value: 'lost', label: 'Lost' });
    expect(stage?.options.choices).toHaveLength(4);

    await page.getByRole('button', { name: 'Delete Billable' }).click();
    const confirm = page.getByRole('dialog', { name: /Delete the field/ });
    const button = confirm.getByRole('button', { name: 'Delete field' });
    expect(await button.isDisabled()).toBe(true);
    await confirm.getByLabel('Type billable to confirm').fill('billable');
    await button.click();
    await confirm.waitFor({ state: 'hidden' });
    await page.getByRole('cell', { name: 'Billable', exact: true }).waitFor({ state: 'detached' });
    expect((await ownFields('project')).map((field) => field.name)).toEqual(['title', 'stage', 'budget', 'start_date', 'client']);
    await context.close();
  });

  it('shows a plugin’s fields as read-only, named after the plugin, and fields users add as editable', async () => {
    await server.api('POST', '/api/meta/entities/company/fields', { name: 'region', type: 'text' });
    const { context, page } = await open('/settings/entities/company');
    const name = page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'Name', exact: true }) });
    await waitForText(name, 'contacts');
    await waitForText(name, 'Read-only');
    expect(await page.getByRole('button', { name: 'Edit Name' }).count()).toBe(0);
    const region = page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'Region', exact: true }) });
    await waitForText(region, 'Custom');
    await region.getByRole('button', { name: 'Edit Region' }).waitFor();
    await context.close();
  });

  it('defines a relation type with an attribute', async () => {
    const { context, page } = await open('/settings/relation-types');
    await page.getByRole('button', { name: 'New relation type' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New relation type' });
    await dialog.getByLabel('Label, subject to object').fill('works on');
    await dialog.getByLabel('Label, object to subject').fill('has contributor');
    expect(await dialog.getByLabel('Key', { exact: true }).inputValue()).toBe('works_on');
    expect(await dialog.getByLabel('Reverse key').inputValue()).toBe('has_contributor');
    await dialog.getByRole('group', { name: 'Subject entities' }).getByLabel('Contact').check();
    await dialog.getByRole('group', { name: 'Object entities' }).getByLabel('Project').check();
    await dialog.getByLabel('Each object record may have').selectOption('many');
    await dialog.getByRole('button', { name: '+ Add attribute' }).click();
    await dialog.getByLabel('Label', { exact: true }).fill('Role');
    await dialog.getByRole('radio', { name: 'Single select', exact: true }).check();
    await dialog.getByRole('button', { name: '+ Add choice' }).click();
    await dialog.getByLabel('Choice 1 label').fill('Lead');
    await dialog.getByLabel('Choice 1 label').press('Enter');
    await dialog.getByLabel('Choice 2 label').fill('Reviewer');
    await dialog.getByRole('button', { name: 'Add attribute', exact: true }).click();
    await dialog.getByRole('button', { name: 'Remove attribute role' }).waitFor();
    await dialog.getByRole('button', { name: 'Create relation type' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await waitForText(page.getByRole('row'), /works on\s*↔\s*has contributor/);

    const { data } = await server.api<{ data: RelationTypeMetadata[] }>('GET', '/api/meta/relation-types');
    const worksOn = data.find((type) => type.key === 'works_on');
    expect(worksOn && { ...worksOn, fields: worksOn.fields.map(({ name, type, options }) => ({ name, type, options })) }).toEqual({
      key: 'works_on',
      label: 'works on',
      symmetric: { key: 'has_contributor', label: 'has contributor' },
      subjectEntities: ['contact'],
      objectEntities: ['project'],
      cardinality: { subject: 'many', object: 'many' },
      fields: [
        {
          name: 'role',
          type: 'select',
          options: {
            choices: [
              { value: 'lead', label: 'Lead' },
              { value: 'reviewer', label: 'Reviewer' },
            ],
          },
        },
      ],
      system: false,
    });
    expect(data.find((type) => type.key === 'has_contributor')?.subjectEntities).toEqual(['project']);
    await context.close();
  });
});
