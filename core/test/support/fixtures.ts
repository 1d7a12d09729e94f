/** Relation types the relation tests share, as a client declares them. */

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
