import { ConflictError, Tokens, ValidationError, type RecordsApi, type RouteContext, type TrellisRecord } from '@trellis/sdk';
import { COMPANY, CONTACT, DEAL, LEAD } from '../names.js';
import { bodyObject } from './input.js';

/** Mailbox providers: their domain says nothing about the lead's company. */
const FREE_MAIL = new Set([
  'gmail.com',
  'googlemail.com',
  'yahoo.com',
  'hotmail.com',
  'outlook.com',
  'live.com',
  'icloud.com',
  'gmx.de',
  'gmx.net',
  'web.de',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'orange.fr',
  'free.fr',
  'laposte.net',
  'yandex.ru',
  'mail.ru',
]);

/** The company domain of an e-mail address (`ada@Sales.Acme.example` → `sales.acme.example`), or null. */
export function companyDomain(email: unknown): string | null {
  if (typeof email !== 'string') return null;
  const domain = email.trim().toLowerCase().split('@')[1]?.replace(/\.$/, '');
  return domain && domain.includes('.') && !FREE_MAIL.has(domain) ? domain : null;
}

/** What was found or made for one part of the conversion. */
interface Part {
  record: TrellisRecord;
  created: boolean;
}

/**
 * The lead's company: the one with the e-mail's domain, else one with the same name (ignoring
 * case), else a new one. None when the lead has neither a company name nor a company domain.
 */
async function findOrCreateCompany(tx: RecordsApi, lead: TrellisRecord): Promise<Part | null> {
  const domain = companyDomain(lead.email);
  const name = typeof lead.company_name === 'string' ? lead.company_name.trim() : '';
  if (domain) {
    const [byDomain] = (await tx.list(COMPANY, { filter: { domain: { eq: domain } }, limit: 1 })).data;
    if (byDomain) return { record: byDomain, created: false };
  }
  if (name) {
    // startsWith is a case-insensitive LIKE on both engines; equality is then checked here.
    const candidates = (await tx.list(COMPANY, { filter: { name: { startsWith: name } }, sort: ['id'], limit: 50 })).data;
    const same = candidates.find((company) => String(company.name).toLowerCase() === name.toLowerCase());
    if (same) return { record: same, created: false };
  }
  if (!name && !domain) return null;
  return { record: await tx.create(COMPANY, { name: name || domain, ...(domain ? { domain } : {}) }), created: true };
}

/** The lead's contact: the one with its e-mail address, else a new one at the company. */
async function findOrCreateContact(tx: RecordsApi, lead: TrellisRecord, company: TrellisRecord | null): Promise<Part> {
  const email = typeof lead.email === 'string' ? lead.email.toLowerCase() : null;
  if (email) {
    const [byEmail] = (await tx.list(CONTACT, { filter: { email: { eq: email } }, limit: 1 })).data;
    if (byEmail) return { record: byEmail, created: false };
  }
  if (typeof lead.first_name !== 'string' || lead.first_name.trim() === '')
    throw ValidationError.at('first_name', 'the lead needs a first name to become a contact');
  const contact = await tx.create(CONTACT, {
    first_name: lead.first_name,
    last_name: lead.last_name,
    email,
    phone: lead.phone ?? null,
    company: company?.id ?? null,
  });
  return { record: contact, created: true };
}

/** The deal part of the body: `false` for none, else fields of the new deal. */
function dealInput(body: Record<string, unknown>): Record<string, unknown> | null {
  if (body.deal === false) return null;
  if (body.deal === undefined) return {};
  if (typeof body.deal !== 'object' || body.deal === null || Array.isArray(body.deal))
    throw ValidationError.at('deal', 'must be an object of deal fields, or false for no deal');
  return body.deal as Record<string, unknown>;
}

/** Creates the deal; its validation problems are reported under `deal.`. */
async function createDeal(tx: RecordsApi, input: Record<string, unknown>, lead: TrellisRecord, company: Part | null, contact: Part) {
  const who = typeof company?.record.name === 'string' ? company.record.name : `${String(lead.first_name)} ${String(lead.last_name)}`;
  const title = input.title ?? `${who} — new deal`;
  try {
    return await tx.create(DEAL, { ...input, title, company: company?.record.id ?? null, contact: contact.record.id });
  } catch (error) {
    if (!(error instanceof ValidationError) || !error.errors) throw error;
    throw new ValidationError(error.errors.map((problem) => ({ ...problem, path: `deal.${problem.path}` })));
  }
}

/**
 * `POST /leads/:id/convert` `{ deal?: {...} | false }`: turns a lead into a contact, a company
 * and a deal in one transaction, re-using the company with the e-mail's domain (or the same
 * name) and the contact with the same e-mail, then marks the lead converted with links to all
 * three. A lead converted already is a 409.
 */
export async function convertLead(ctx: RouteContext): Promise<void> {
  const body = ctx.request.body === undefined ? {} : bodyObject(ctx);
  const deal = dealInput(body);
  const records = ctx.services.get(Tokens.Records);
  const result = await records.transaction(async (tx) => {
    const lead = await tx.get(LEAD, ctx.params.id ?? '');
    if (lead.status === 'converted') throw new ConflictError('SALES_LEAD_CONVERTED', `Lead ${lead.id} was converted already`);
    const company = await findOrCreateCompany(tx, lead);
    const contact = await findOrCreateContact(tx, lead, company?.record ?? null);
    const created = deal ? await createDeal(tx, deal, lead, company, contact) : null;
    const converted = await tx.update(LEAD, lead.id, {
      status: 'converted',
      converted_at: new Date().toISOString(),
      converted_contact: contact.record.id,
      converted_company: company?.record.id ?? null,
      converted_deal: created?.id ?? null,
    });
    return {
      lead: converted,
      contact: contact.record,
      company: company?.record ?? null,
      deal: created,
      created: { contact: contact.created, company: company?.created ?? false, deal: created !== null },
    };
  });
  ctx.status = 201;
  ctx.body = { data: result };
}
