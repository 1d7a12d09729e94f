/** Definitions several test files share, as a client declares them. */

/** `employs` ↔ `employed_by` between company and contact; a contact has at most one employer. */
export function employsType(fields: Array<Record<string, unknown>> = [{ name: 'role', type: 'text' }]) {
  return {
    key: 'employs',
    label: 'employs',
    symmetric: { key: 'employed_by', label: 'is employed by' },
    subjectEntities: ['company'],
    objectEntities: ['contact'],
    cardinality: { subject: 'many', object: 'one' },
    fields,
  };
}

/** `colleague_of`, its own symmetric, between contacts. */
export const COLLEAGUE_TYPE = {
  key: 'colleague_of',
  label: 'is a colleague of',
  symmetric: 'self',
  subjectEntities: ['contact'],
  objectEntities: ['contact'],
};

/** A field as a request body declares it. */
export interface FieldBody {
  name: string;
  type: string;
  required?: boolean;
  unique?: boolean;
  options?: Record<string, unknown>;
}

/**
 * One field of every type, as a client declares them; the lookup is named after its target.
 * `overrides` replaces fields by name (a unique email, richer select choices…).
 */
export function everyFieldType(lookupTarget: string, overrides: FieldBody[] = []): FieldBody[] {
  const fields: FieldBody[] = [
    { name: 'title', type: 'text', required: true },
    { name: 'notes', type: 'long_text' },
    { name: 'quantity', type: 'integer' },
    { name: 'ratio', type: 'decimal' },
    { name: 'price', type: 'currency' },
    { name: 'discount', type: 'percent' },
    { name: 'active', type: 'boolean' },
    { name: 'due_on', type: 'date' },
    { name: 'starts_at', type: 'datetime' },
    { name: 'email', type: 'email' },
    { name: 'phone', type: 'phone', options: { defaultCountry: 'FR' } },
    { name: 'website', type: 'url' },
    { name: 'stage', type: 'select', options: { choices: ['new', 'won', 'lost'] } },
    { name: 'tags', type: 'multi_select', options: { choices: ['a', 'b', 'c'] } },
    { name: 'extra', type: 'json' },
    { name: lookupTarget, type: 'lookup', options: { target: lookupTarget } },
  ];
  return fields.map((field) => overrides.find((override) => override.name === field.name) ?? field);
}
