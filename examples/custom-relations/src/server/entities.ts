import { defineEntity } from '@trellis/sdk';
import { RATING } from './rating-field-type.js';

/**
 * A person who mentors, is mentored, and may be sponsored by a company. The plugin owns its
 * entities (core has no `contact` of its own); names carry its `cr_` prefix.
 *
 * @example
 * ```ts
 * await records.create(PERSON.name, { name: 'Ada Lovelace', rating: 5 });
 * ```
 */
export const PERSON = defineEntity({
  name: 'cr_person',
  label: 'Person',
  pluralLabel: 'People',
  fields: [
    { name: 'name', type: 'text', required: true },
    { name: 'rating', type: RATING, label: 'Mentor rating', indexed: true },
  ],
});

/**
 * A company that sponsors people.
 *
 * @example
 * ```ts
 * await records.create(COMPANY.name, { name: 'Analytical Engines Ltd' });
 * ```
 */
export const COMPANY = defineEntity({
  name: 'cr_company',
  label: 'Company',
  pluralLabel: 'Companies',
  fields: [{ name: 'name', type: 'text', required: true }],
});
