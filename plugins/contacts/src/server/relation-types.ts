import { defineRelationType } from '@trellis/sdk';
import { company, contact } from './entities.js';

/**
 * "Acme employs Ada" and, read the other way, "Ada is employed by Acme", with Ada's `role`
 * there. Many on both sides: a person can work for several companies (a consultant, a board
 * member), unlike the single `company` lookup of a contact, which names their main employer.
 *
 * @example
 * ```ts
 * await relations.add({ entity: 'company', id: acmeId }, 'employs', { entity: 'contact', id: adaId }, { role: 'CTO' });
 * ```
 */
export const employs = defineRelationType({
  key: 'employs',
  label: 'employs',
  symmetric: { key: 'employed_by', label: 'is employed by' },
  subjectEntities: [company.name],
  objectEntities: [contact.name],
  cardinality: { subject: 'many', object: 'many' },
  fields: [{ name: 'role', type: 'text' }],
});
