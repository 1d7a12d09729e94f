import type { EntityView, FieldMetadata } from '../../api/types.js';
import { titleField } from '../../fields/field-display.js';

/** A titled group of fields on a record's page. */
export interface FieldGroup {
  key: 'details' | 'links' | 'notes' | 'system';
  title: string;
  fields: FieldMetadata[];
}

/** Types that take room: they go last on forms and in their own group on the page. */
const WIDE = new Set(['long_text', 'json']);

/** Whether the signed-in user may change `field` of the entity's records at all. */
export function isWritable(entity: EntityView, field: FieldMetadata): boolean {
  return !field.system && !entity.access.readOnlyFields.includes(field.name);
}

/** Whether a field is shown across the whole width of a form. */
export function isWide(field: FieldMetadata): boolean {
  return WIDE.has(field.type);
}

/**
 * The fields of a create form, in the entity's order but with the title field first and long
 * texts and JSON at the end, where they have room.
 */
export function formFields(entity: EntityView): FieldMetadata[] {
  const writable = entity.fields.filter((field) => isWritable(entity, field));
  const title = titleField(entity);
  const first = writable.filter((field) => field === title);
  const middle = writable.filter((field) => field !== title && !isWide(field));
  const last = writable.filter((field) => field !== title && isWide(field));
  return [...first, ...middle, ...last];
}

/**
 * The groups of a record's page: "Details" (scalar fields, title first), "Links" (lookups),
 * "Notes" (long texts, JSON) and "System" (id, timestamps, owner). Empty groups are left out.
 */
export function fieldGroups(entity: EntityView): FieldGroup[] {
  const own = formFields({ ...entity, access: { ...entity.access, readOnlyFields: [] } });
  const groups: FieldGroup[] = [
    { key: 'details', title: 'Details', fields: own.filter((field) => field.type !== 'lookup' && !isWide(field)) },
    { key: 'links', title: 'Links', fields: own.filter((field) => field.type === 'lookup') },
    { key: 'notes', title: 'Notes', fields: own.filter((field) => isWide(field)) },
    { key: 'system', title: 'System', fields: entity.fields.filter((field) => field.system) },
  ];
  return groups.filter((group) => group.fields.length);
}

/**
 * A value from the query string as the field's input expects it, so other screens can link
 * to a prefilled form (`/records/contact/new?company=<id>`).
 */
export function valueFromQuery(field: FieldMetadata, text: string): unknown {
  switch (field.type) {
    case 'integer':
    case 'decimal':
    case 'percent': {
      const number = Number(text);
      return text.trim() && Number.isFinite(number) ? number : text;
    }
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : null;
    case 'multi_select':
      return text.split(',').filter(Boolean);
    case 'currency': {
      const [amount, currency] = text.split(' ');
      return { amount: Number(amount), currency: currency ?? field.options.defaultCurrency ?? '' };
    }
    case 'json':
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return text;
      }
    default:
      return text;
  }
}
