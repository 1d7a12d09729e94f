import { META_SCHEMAS } from './meta-schemas.js';
import { PROBLEM_SCHEMAS } from './shared.js';

const FIXED_NAMES = new Set([...Object.keys(PROBLEM_SCHEMAS), ...Object.keys(META_SCHEMAS)]);

/**
 * `sales_lead` → `SalesLead`. A part that starts with a digit keeps its underscore
 * (`lead_2024` → `Lead_2024`), so `lead_2024` and `lead2024` stay apart.
 */
function pascal(name: string): string {
  return name
    .split('_')
    .map((part) => (/^\d/.test(part) ? `_${part}` : part.charAt(0).toUpperCase() + part.slice(1)))
    .join('');
}

/**
 * The component name of an entity's record schema; its create and patch bodies add `Input`
 * and `Patch`. Names that would meet another schema (`problem`, `entity_metadata`, or
 * `contact_input` beside `contact`'s `ContactInput`) get a trailing underscore, which no
 * PascalCase name ends with. The name depends on the entity's name alone, so
 * operation ids stay stable when other entities come and go.
 */
export function recordSchemaName(entity: string): string {
  const base = pascal(entity);
  const clashes = /(?:Input|Patch)$/.test(base) || [base, `${base}Input`, `${base}Patch`].some((name) => FIXED_NAMES.has(name));
  return clashes ? `${base}_` : base;
}
