import { META_SCHEMAS } from './meta-schemas.js';
import { PLUGIN_SCHEMAS } from './plugin-paths.js';
import { PROBLEM_SCHEMAS } from './shared.js';
import { TIMELINE_SCHEMAS } from './timeline-schemas.js';
import { WEBHOOK_SCHEMAS } from './webhook-paths.js';

const FIXED_NAMES = new Set([
  ...Object.keys(PROBLEM_SCHEMAS),
  ...Object.keys(META_SCHEMAS),
  ...Object.keys(WEBHOOK_SCHEMAS),
  ...Object.keys(TIMELINE_SCHEMAS),
  ...Object.keys(PLUGIN_SCHEMAS),
]);

/**
 * `sales_lead` → `SalesLead`. A part that starts with a digit keeps its underscore
 * (`lead_2024` → `Lead_2024`), so `lead_2024` and `lead2024` stay apart.
 */
export function pascal(name: string): string {
  return name
    .split('_')
    .map((part) => (/^\d/.test(part) ? `_${part}` : part.charAt(0).toUpperCase() + part.slice(1)))
    .join('');
}

/**
 * The component name of an entity's record schema; its create and patch bodies add `Input`
 * and `Patch`. Names that would meet another schema or operation (`problem`, `entity_metadata`,
 * `contact_input` beside `contact`'s `ContactInput`, `contact_relation` whose
 * `updateContactRelation` is `contact`'s relation update, `employs_relation_attributes` beside
 * the attributes of the `employs` relation type) get a trailing underscore, which no PascalCase
 * name ends with. The name depends on the entity's name alone, so operation ids stay stable
 * when other entities come and go.
 */
export function recordSchemaName(entity: string): string {
  const base = pascal(entity);
  const clashes =
    /(?:Input|Patch|Relations?|RelationAttributes|Timeline|TimelineEntry)$/.test(base) ||
    [base, `${base}Input`, `${base}Patch`].some((name) => FIXED_NAMES.has(name));
  return clashes ? `${base}_` : base;
}
