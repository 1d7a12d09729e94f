import { defineEntity } from '@trellis/sdk';

/** The industries a company can be filed under; users can add choices from the admin UI. */
export const INDUSTRIES = [
  { value: 'software', label: 'Software' },
  { value: 'manufacturing', label: 'Manufacturing' },
  { value: 'retail', label: 'Retail' },
  { value: 'finance', label: 'Finance' },
  { value: 'health', label: 'Health' },
  { value: 'education', label: 'Education' },
  { value: 'energy', label: 'Energy' },
  { value: 'logistics', label: 'Logistics' },
  { value: 'media', label: 'Media' },
  { value: 'public_sector', label: 'Public sector' },
  { value: 'other', label: 'Other' },
] as const;

/** Where a contact stands with you. */
export const CONTACT_STATUSES = [
  { value: 'new', label: 'New' },
  { value: 'active', label: 'Active' },
  { value: 'customer', label: 'Customer' },
  { value: 'lost', label: 'Lost' },
] as const;

/**
 * An organisation you work with. `domain` is its lower-case web domain (`acme.com`), the key
 * other plugins de-duplicate companies on: the plugin's hooks normalise it and derive it from
 * `website` when it is left empty.
 *
 * @example
 * ```ts
 * await records.create('company', { name: 'Acme Robotics', website: 'https://www.acme.example' }); // domain: acme.example
 * ```
 */
export const company = defineEntity({
  name: 'company',
  label: 'Company',
  pluralLabel: 'Companies',
  description: 'Organisations you work with: customers, prospects, partners, suppliers.',
  fields: [
    { name: 'name', type: 'text', required: true, indexed: true },
    { name: 'domain', type: 'text', indexed: true, label: 'Web domain', options: { maxLength: 253 } },
    { name: 'website', type: 'url' },
    { name: 'industry', type: 'select', indexed: true, options: { choices: INDUSTRIES } },
    { name: 'country', type: 'text', indexed: true },
    { name: 'employees', type: 'integer', indexed: true, options: { min: 0 } },
    { name: 'phone', type: 'phone' },
  ],
});

/**
 * A person: a data subject, so their personal fields are exported and erased on request. The
 * e-mail address is unique (stored lower-case), so a second contact with it is a 409.
 *
 * @example
 * ```ts
 * await records.create('contact', { first_name: 'Ada', last_name: 'Lovelace', email: 'ada@acme.example', company: acmeId });
 * ```
 */
export const contact = defineEntity({
  name: 'contact',
  label: 'Contact',
  description: 'People: at the companies you work with, or on their own.',
  dataSubject: true,
  fields: [
    { name: 'first_name', type: 'text', required: true, personal: true },
    { name: 'last_name', type: 'text', required: true, indexed: true, personal: true },
    { name: 'email', type: 'email', unique: true, personal: true },
    { name: 'phone', type: 'phone', personal: true },
    { name: 'job_title', type: 'text' },
    { name: 'company', type: 'lookup', options: { target: 'company' } },
    { name: 'status', type: 'select', indexed: true, default: 'new', options: { choices: CONTACT_STATUSES } },
  ],
});
