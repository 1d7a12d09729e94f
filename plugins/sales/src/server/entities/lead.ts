import { defineEntity } from '@trellis/sdk';
import { COMPANY, CONTACT, DEAL, LEAD } from '../names.js';

/** Where a lead came from; users can add choices from the admin UI. */
export const LEAD_SOURCES = [
  { value: 'website', label: 'Website' },
  { value: 'referral', label: 'Referral' },
  { value: 'event', label: 'Event' },
  { value: 'cold_call', label: 'Cold call' },
  { value: 'advertising', label: 'Advertising' },
  { value: 'partner', label: 'Partner' },
  { value: 'other', label: 'Other' },
] as const;

/** Where a lead stands; `converted` is set by the conversion route. */
export const LEAD_STATUSES = [
  { value: 'new', label: 'New' },
  { value: 'contacted', label: 'Contacted' },
  { value: 'qualified', label: 'Qualified' },
  { value: 'converted', label: 'Converted' },
  { value: 'disqualified', label: 'Disqualified' },
] as const;

/**
 * A prospect not yet qualified: a person and a company name as typed, before they become a
 * contact, a company and a deal (`POST /api/plugins/sales/leads/:id/convert`). `score` is
 * recomputed from the scoring rules of the settings on every write.
 *
 * @example
 * ```ts
 * await records.create(LEAD, { first_name: 'Ada', last_name: 'Lovelace', company_name: 'Analytical Engines', email: 'ada@engines.example', source: 'event' });
 * ```
 */
export const leadEntity = defineEntity({
  name: LEAD,
  label: 'Lead',
  description: 'A prospect to qualify, then convert into a contact, a company and a deal.',
  dataSubject: true,
  fields: [
    { name: 'first_name', type: 'text', personal: true },
    { name: 'last_name', type: 'text', required: true, indexed: true, personal: true },
    { name: 'company_name', type: 'text', indexed: true },
    { name: 'email', type: 'email', indexed: true, personal: true },
    { name: 'phone', type: 'phone', personal: true },
    { name: 'source', type: 'select', indexed: true, options: { choices: LEAD_SOURCES } },
    { name: 'status', type: 'select', required: true, default: 'new', indexed: true, options: { choices: LEAD_STATUSES } },
    { name: 'score', type: 'integer', default: 0, indexed: true },
    { name: 'converted_at', type: 'datetime' },
    { name: 'converted_contact', type: 'lookup', options: { target: CONTACT } },
    { name: 'converted_company', type: 'lookup', options: { target: COMPANY } },
    { name: 'converted_deal', type: 'lookup', options: { target: DEAL } },
  ],
});
