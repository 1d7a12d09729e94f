import { Tokens, type PluginContext, type RecordsApi } from '@trellis/sdk';
import { demoRecords } from './demo-data.js';
import { employs } from './relation-types.js';

/** The ids of the records of `entity` whose `field` is one of `values`, by that value. */
async function existing(records: RecordsApi, entity: string, field: string, values: string[]): Promise<Map<string, string>> {
  const page = await records.list(entity, { filter: { [field]: { in: values } }, fields: [field], limit: values.length });
  return new Map(page.data.map((record) => [String(record[field]), record.id]));
}

/**
 * Seeds the demo companies and the contacts working there: each contact points at their
 * company by the `company` lookup and is linked to it by `employs`, their job title as role.
 * Records already there (matched by domain and e-mail) are reused, so a run cut short half-way
 * completes on the next one instead of failing on duplicates.
 *
 * @example
 * ```ts
 * definePlugin({ name: 'contacts', version: '1.0.0', demo: seedContactsDemo });
 * ```
 */
export async function seedContactsDemo(ctx: PluginContext): Promise<void> {
  const records = ctx.services.get(Tokens.Records);
  const relations = ctx.services.get(Tokens.Relations);
  const { companies, contacts } = demoRecords();
  const companyIds = await existing(
    records,
    'company',
    'domain',
    companies.map((company) => company.domain),
  );
  for (const company of companies) {
    if (!companyIds.has(company.domain)) companyIds.set(company.domain, (await records.create('company', { ...company })).id);
  }
  const contactIds = await existing(
    records,
    'contact',
    'email',
    contacts.map((contact) => contact.email),
  );
  for (const { companyIndex, ...contact } of contacts) {
    if (contactIds.has(contact.email)) continue;
    const companyId = companyIds.get(companies[companyIndex]?.domain ?? '') as string;
    const created = await records.create('contact', { ...contact, company: companyId });
    await relations.add(
      { entity: 'company', id: companyId },
      employs.key,
      { entity: 'contact', id: created.id },
      { role: contact.job_title },
    );
  }
}
