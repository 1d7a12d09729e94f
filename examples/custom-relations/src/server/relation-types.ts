import { defineRelationType } from '@trellis/sdk';
import { COMPANY, PERSON } from './entities.js';

/**
 * "Ada mentors Grace" and, read the other way, "Grace is mentored by Ada", with the date the
 * mentoring began and its topic stored on the relation itself.
 *
 * @example
 * ```ts
 * await relations.add({ entity: 'cr_person', id: ada }, 'cr_mentors', { entity: 'cr_person', id: grace }, { since: '2024-01-15', topic: 'compilers' });
 * ```
 */
export const mentors = defineRelationType({
  key: 'cr_mentors',
  label: 'mentors',
  symmetric: { key: 'cr_mentored_by', label: 'is mentored by' },
  subjectEntities: [PERSON.name],
  objectEntities: [PERSON.name],
  fields: [
    { name: 'since', type: 'date' },
    { name: 'topic', type: 'text' },
  ],
});

/**
 * "Acme sponsors Grace": a company sponsors many people, a person has at most one sponsor.
 *
 * @example
 * ```ts
 * await relations.add({ entity: 'cr_company', id: acme }, 'cr_sponsors', { entity: 'cr_person', id: grace });
 * ```
 */
export const sponsors = defineRelationType({
  key: 'cr_sponsors',
  label: 'sponsors',
  symmetric: { key: 'cr_sponsored_by', label: 'is sponsored by' },
  subjectEntities: [COMPANY.name],
  objectEntities: [PERSON.name],
  cardinality: { subject: 'many', object: 'one' },
});
