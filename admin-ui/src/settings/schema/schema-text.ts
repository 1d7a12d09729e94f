import type { FieldMetadata } from '../../api/types.js';

/** What the add-field form says about one field type: a human name and one line on when to use it. */
export interface FieldTypeInfo {
  type: string;
  label: string;
  description: string;
}

/** Every built-in field type, in the order the type picker offers them. */
export const FIELD_TYPE_INFO: readonly FieldTypeInfo[] = [
  { type: 'text', label: 'Text', description: 'A short line: a name, a reference, a city.' },
  { type: 'long_text', label: 'Long text', description: 'Several paragraphs: notes, a description.' },
  { type: 'integer', label: 'Whole number', description: 'A count or a quantity, without decimals.' },
  { type: 'decimal', label: 'Decimal number', description: 'A measure with decimals: weight, rating.' },
  { type: 'currency', label: 'Currency', description: 'An amount of money with its currency.' },
  { type: 'percent', label: 'Percent', description: 'A percentage: 12.5 means 12.5 %.' },
  { type: 'boolean', label: 'Yes / no', description: 'A checkbox: active, paid, opted in.' },
  { type: 'date', label: 'Date', description: 'A calendar day, without a time.' },
  { type: 'datetime', label: 'Date and time', description: 'An instant: a meeting, a deadline.' },
  { type: 'email', label: 'E-mail', description: 'An e-mail address, checked and lower-cased.' },
  { type: 'phone', label: 'Phone', description: 'A phone number, also kept in international form.' },
  { type: 'url', label: 'Link', description: 'A web address starting with http:// or https://.' },
  { type: 'select', label: 'Single select', description: 'One value from a list of choices: a stage, a status.' },
  { type: 'multi_select', label: 'Multi-select', description: 'Several values from a list of choices: tags.' },
  { type: 'json', label: 'JSON', description: 'Any structured data, for integrations.' },
  { type: 'lookup', label: 'Link to a record', description: 'Points to one record of another entity.' },
];

/** The human name of a field type (a plugin's `<plugin>.<type>` shows as is). */
export function typeLabel(type: string): string {
  return FIELD_TYPE_INFO.find((info) => info.type === type)?.label ?? type;
}

/** Types whose values are numbers, which take `min` and `max`. */
export const NUMERIC_TYPES = new Set(['integer', 'decimal', 'percent', 'currency']);

/** Types that can be neither indexed nor unique. */
export const UNINDEXABLE_TYPES = new Set(['json', 'multi_select']);

/** Types that are always indexed: their index cannot be turned off. */
export const ALWAYS_INDEXED_TYPES = new Set(['lookup', 'phone']);

/**
 * A lower snake case identifier suggested from a label: "Project" → "project", "Start date" →
 * "start_date", "Café 2" → "cafe_2". The API has the last word on reserved words.
 */
export function snakeCase(label: string, maxLength = 32): string {
  const words = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  let name = words.join('_').replace(/^[0-9_]+/, '');
  name = name.slice(0, maxLength).replace(/_+$/, '');
  return name;
}

/** The English plural core uses by default: Company → Companies, Address → Addresses. */
export function pluralise(label: string): string {
  if (!label) return '';
  if (/[^aeiou]y$/i.test(label)) return `${label.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/i.test(label)) return `${label}es`;
  return `${label}s`;
}

/** The short flags of a field (Required, Unique, Indexed) for tables. */
export function fieldFlags(field: FieldMetadata): string[] {
  const flags: string[] = [];
  if (field.required) flags.push('Required');
  if (field.unique) flags.push('Unique');
  else if (field.indexed) flags.push('Indexed');
  if (field.personal) flags.push('Personal');
  return flags;
}
