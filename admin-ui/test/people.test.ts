import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInPage, waitForText } from './support/browser.js';
import { ADMIN, type UiServer } from './support/server.js';
import { closeSuite, startSuite } from './support/suite.js';

// Entities of their own, so that whatever a fresh server starts with (default plugins' companies
// and contacts) does not matter: the role grants "Prospect" and nothing else.
let server: UiServer;
let browser: Browser;
let prospectId: string;

const CLERK = { email: 'clerk@example.com', password: 'clerk password for tests' };

beforeAll(async () => {
  ({ server, browser } = await startSuite());
  await server.api('POST', '/api/meta/entities', { name: 'vendor', label: 'Vendor', fields: [{ name: 'name', type: 'text' }] });
  await server.api('POST', '/api/meta/entities', {
    name: 'prospect',
    label: 'Prospect',
    fields: [
      { name: 'name', type: 'text', label: 'Name' },
      { name: 'email', type: 'email', label: 'Email' },
      { name: 'phone', type: 'phone', label: 'Phone' },
    ],
  });
  await server.api('POST', '/api/records/vendor', { name: 'Acme' });
  const contacts = await server.api<{ data: Array<{ id: string }> }>('POST', '/api/records/prospect', [
    { name: 'Ada Lovelace', email: 'ada@example.com', phone: '+44 20 7946 0018' },
    { name: 'Grace Hopper', email: 'grace@example.com' },
  ]);
  prospectId = contacts.data[0]!.id;
}, 30_000);

afterAll(() => closeSuite({ server, browser }));

/** Fills and submits the users screen's invite dialog. */
async function invite(page: Page, email: string): Promise<void> {
  await page.getByRole('button', { name: 'Invite user' }).click();
  const dialog = page.getByRole('dialog', { name: 'Invite a user' });
  await dialog.getByLabel('Name').fill('Clara Clerk');
  await dialog.getByLabel('E-mail').fill(email);
  await dialog.getByLabel('Password', { exact: true }).fill(CLERK.password);
  await dialog.getByRole('group', { name: 'Roles' }).getByLabel('Prospect clerk').check();
  await dialog.getByRole('button', { name: 'Create user' }).click();
}

describe('people and permissions', () => {
  it('builds a role in the matrix and gives it to a new user, who then sees only what it allows', { timeout: 60_000 }, async () => {
    const { context, page } = await signedInPage(browser, server, ADMIN, '/settings/roles');
    context.setDefaultTimeout(8_000);
    await page.getByRole('link', { name: 'Sales rep', exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Delete role Sales rep' }).count()).toBe(0);

    await page.getByRole('button', { name: 'New role' }).click();
    await page.getByLabel('Label').fill('Prospect clerk');
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('prospect_clerk');
    await page.getByRole('button', { name: 'Create and set permissions' }).click();
    await page.waitForURL('**/settings/roles/prospect_clerk');

    await page.getByLabel('Prospect: read scope').selectOption('all');
    await page.getByRole('button', { name: 'Prospect: field rules' }).click();
    await page.getByRole('group', { name: 'Prospect: hidden fields' }).getByLabel('Email', { exact: true }).check();
    await page.getByRole('group', { name: 'Prospect: read-only fields' }).getByLabel('Phone', { exact: true }).check();
    expect(await page.getByLabel('Vendor: read scope').inputValue()).toBe('none');
    await page.getByRole('button', { name: 'Save role' }).click();
    await waitForText(page.getByRole('status'), 'Saved');
    const role = await server.api<{ data: { permissions: unknown } }>('GET', '/api/roles/prospect_clerk');
    expect(role.data.permissions).toEqual({ prospect: { read: 'all', hiddenFields: ['email'], readOnlyFields: ['phone'] } });

    await page.goto('/settings/users');
    // A taken e-mail is refused, and the message stands beside the E-mail field.
    await invite(page, ADMIN.email);
    const dialog = page.getByRole('dialog', { name: 'Invite a user' });
    await waitForText(dialog.locator('.field-error'), 'already taken');
    await dialog.getByLabel('E-mail').fill(CLERK.email);
    await dialog.getByRole('button', { name: 'Create user' }).click();
    await waitForText(page.getByRole('row'), CLERK.email);
    const clerkRow = page.getByRole('row').filter({ hasText: CLERK.email });
    await waitForText(clerkRow, 'Prospect clerk');

    // Demoting the only administrator is refused with the API's message.
    await page
      .getByRole('button', { name: 'Edit Administrator' })
      .or(page.getByRole('button', { name: `Edit ${ADMIN.email}` }))
      .click();
    await page
      .getByRole('dialog')
      .getByRole('checkbox', { name: /Administrator/ })
      .uncheck();
    await page.getByRole('dialog').getByRole('button', { name: 'Save changes' }).click();
    await waitForText(page.getByRole('dialog').getByRole('alert'), 'last active administrator');
    await context.close();

    const clerk = await signedInPage(browser, server, CLERK, '/');
    clerk.context.setDefaultTimeout(8_000);
    const nav = clerk.page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Prospects' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Vendors' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Users' }).count()).toBe(0);

    await nav.getByRole('link', { name: 'Prospects' }).click();
    await waitForText(clerk.page.getByRole('cell'), 'Ada Lovelace');
    expect(await clerk.page.getByRole('columnheader', { name: 'Phone' }).count()).toBe(1);
    expect(await clerk.page.getByRole('columnheader', { name: 'Email' }).count()).toBe(0);
    expect(await clerk.page.getByText('ada@example.com').count()).toBe(0);

    await clerk.page.goto(`/records/prospect/${prospectId}`);
    await waitForText(clerk.page.getByRole('heading'), 'Ada Lovelace');
    // The record belongs to the administrator: named, although the clerk may not list users.
    await waitForText(clerk.page.getByText(/^Owner: /), 'Owner: Administrator');
    await waitForText(clerk.page.getByText('+44', { exact: false }), '7946');
    expect(await clerk.page.getByText('ada@example.com').count()).toBe(0);
    expect(await clerk.page.getByText('Email', { exact: true }).count()).toBe(0);

    const record = await clerk.context.request.get(`/api/records/prospect/${prospectId}`);
    const body = (await record.json()) as { data: Record<string, unknown> };
    expect(body.data.name).toBe('Ada Lovelace');
    expect(body.data).not.toHaveProperty('email');

    await clerk.page.goto('/records/vendor');
    await waitForText(clerk.page.getByRole('alert'), 'do not have access');
    await clerk.context.close();
  });

  it('creates an API token, shows it once, and revokes it', async () => {
    const { context, page } = await signedInPage(browser, server, ADMIN, '/account/tokens');
    await page.getByText('You have no API tokens').waitFor();
    await page.getByLabel('Token name').fill('Nightly export');
    await page.getByLabel('Scope').selectOption('read');
    await page.getByLabel('Expires after (days)').fill('30');
    await page.getByRole('button', { name: 'Create token' }).click();
    const shown = page.getByRole('dialog', { name: 'Token “Nightly export” created' });
    await waitForText(shown, 'will not be shown again');
    const token = await shown.getByLabel('Secret value').inputValue();
    expect(token).toMatch(/^trl_/);
    await shown.getByRole('button', { name: 'I have copied it' }).click();
    await waitForText(page.getByRole('row'), 'Nightly export');

    const use = () => fetch(`${server.url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    expect((await use()).status).toBe(200);

    await page.getByRole('button', { name: 'Revoke Nightly export' }).click();
    await page.getByRole('dialog', { name: 'Revoke “Nightly export”?' }).getByRole('button', { name: 'Revoke token' }).click();
    await page.getByText('You have no API tokens').waitFor();
    expect((await use()).status).toBe(401);
    await context.close();
  });

  it('manages teams and webhooks, and finds the changes in the audit log', async () => {
    await server.api('POST', '/api/users', { email: 'tess@example.com', name: 'Tess Team', password: CLERK.password });
    const { context, page } = await signedInPage(browser, server, ADMIN, '/settings/teams');
    context.setDefaultTimeout(8_000);
    await page.getByRole('button', { name: 'New team' }).click();
    const dialog = page.getByRole('dialog', { name: 'New team' });
    await dialog.getByLabel('Team name').fill('North');
    await dialog.getByRole('group', { name: 'Members' }).getByLabel('Tess Team').check();
    await dialog.getByRole('button', { name: 'Create team' }).click();
    await waitForText(page.getByRole('article', { name: 'North' }), 'Tess Team');
    const teams = await server.api<{ data: Array<{ name: string; members: string[] }> }>('GET', '/api/teams');
    expect(teams.data.find((team) => team.name === 'North')?.members).toHaveLength(1);

    await page.goto('/settings/webhooks');
    await page.getByRole('button', { name: 'New webhook' }).click();
    const hook = page.getByRole('dialog', { name: 'New webhook' });
    await hook.getByLabel('Receiver URL').fill('ftp://example.com/hook');
    await hook.getByRole('button', { name: 'Create webhook' }).click();
    await waitForText(hook.locator('.field-error'), /http/);
    // Nothing listens on port 9 of this machine: the ping fails, and says so.
    await hook.getByLabel('Receiver URL').fill('http://127.0.0.1:9/hook');
    await hook.getByRole('button', { name: 'Create webhook' }).click();
    const secret = page.getByRole('dialog', { name: 'Webhook signing secret' });
    expect(await secret.getByLabel('Secret value').inputValue()).not.toBe('');
    await secret.getByRole('button', { name: 'I have copied it' }).click();
    await page.getByRole('button', { name: 'Send test ping' }).click();
    await waitForText(page.getByRole('status'), 'The ping failed');
    await page.getByRole('button', { name: 'Deliveries' }).click();
    await waitForText(page.getByRole('list', { name: 'Deliveries' }), 'webhook.ping');

    await page.goto('/settings/audit');
    await page.getByLabel('Action').fill('permission.team_*');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/action=permission\.team_/);
    const entries = page.getByRole('listitem');
    await waitForText(entries, 'permission.team_members');
    expect(await entries.filter({ hasText: 'auth.login' }).count()).toBe(0);
    await context.close();
  });

  it('shows the API’s message for a bad reset link', async () => {
    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();
    await page.goto('/reset-password?token=trp_not-a-real-token');
    await page.getByLabel('New password', { exact: true }).fill('a brand new passphrase');
    await page.getByLabel('Confirm password').fill('a brand new passphrase');
    await page.getByRole('button', { name: 'Set password' }).click();
    const answer = await fetch(`${server.url}/api/auth/password-reset/confirm`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: 'trp_not-a-real-token', password: 'a brand new passphrase' }),
    });
    const problem = (await answer.json()) as { errors: Array<{ path: string; message: string }> };
    expect(problem.errors[0]?.path).toBe('token');
    await waitForText(page.getByRole('alert'), problem.errors[0]!.message);
    expect(await page.getByRole('link', { name: 'Go to sign in' }).count()).toBe(1);
    await context.close();
  });
});
