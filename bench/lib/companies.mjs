/**
 * Deterministic company rows and the relation types of the benchmark: `employs` /
 * `employed_by` between companies and contacts, and `colleague_of` between contacts.
 */

import { pickWeighted } from './contacts.mjs';

const STEMS = [
  'Acme',
  'Apex',
  'Arbor',
  'Atlas',
  'Beacon',
  'Birch',
  'Cedar',
  'Cobalt',
  'Copper',
  'Crest',
  'Delta',
  'Ember',
  'Falcon',
  'Granite',
  'Harbor',
  'Horizon',
  'Juniper',
  'Keystone',
  'Lumen',
  'Maple',
  'Meridian',
  'Nimbus',
  'Orbit',
  'Pioneer',
  'Quartz',
  'Redwood',
  'Summit',
  'Tidal',
  'Vertex',
  'Zenith',
];
const KINDS = ['Analytics', 'Consulting', 'Energy', 'Foods', 'Health', 'Labs', 'Logistics', 'Media', 'Robotics', 'Software', 'Systems'];

/** Country mix: France is 8 % of the companies. */
const COUNTRIES = [
  ['US', 0.24],
  ['DE', 0.12],
  ['GB', 0.1],
  ['FR', 0.08],
  ['NL', 0.06],
  ['ES', 0.06],
  ['IT', 0.06],
  ['SE', 0.05],
  ['JP', 0.05],
  ['BR', 0.05],
  ['IN', 0.05],
  ['CA', 0.04],
  ['PL', 0.04],
];

/**
 * The company with sequence number `n` drawn from `r`. Head counts are log-uniform from 1 to
 * 10,000, so about 57 % of the companies have more than 50 employees.
 */
export function company(r, n) {
  return {
    name: `${r.pick(STEMS)} ${r.pick(KINDS)} ${n}`,
    country: pickWeighted(r, COUNTRIES),
    employees: Math.floor(10 ** (r.next() * 4)),
  };
}

/** The fields of the benchmark's `company` entity, as `POST /api/meta/entities` takes them. */
export const COMPANY_ENTITY = {
  name: 'company',
  label: 'Company',
  pluralLabel: 'Companies',
  fields: [
    { name: 'name', type: 'text' },
    { name: 'country', type: 'text', indexed: true },
    { name: 'employees', type: 'integer', indexed: true },
  ],
};

/** The two relation types, as `POST /api/meta/relation-types` takes them. */
export const RELATION_TYPES = [
  {
    key: 'employs',
    label: 'employs',
    symmetric: { key: 'employed_by', label: 'is employed by' },
    subjectEntities: ['company'],
    objectEntities: ['contact'],
    cardinality: { subject: 'many', object: 'one' },
    fields: [{ name: 'role', type: 'text' }],
  },
  {
    key: 'colleague_of',
    label: 'is a colleague of',
    symmetric: 'self',
    subjectEntities: ['contact'],
    objectEntities: ['contact'],
  },
];

/** The nested filter of the relation filter scenario. */
export const RELATION_FILTER = { $relation: { type: 'employed_by', where: { country: { eq: 'FR' }, employees: { gt: 50 } } } };
