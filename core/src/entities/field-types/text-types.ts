import { TEXT_OPS } from './field-type.js';
import { expectString, scalarType } from './scalar.js';

const TEXT_SQL = { sqlite: 'TEXT', postgres: 'text' };

/** Single-line text. `options.maxLength` caps it (default 1000). */
export const textType = scalarType({
  type: 'text',
  renderer: 'text-input',
  operators: TEXT_OPS,
  searchable: true,
  sql: TEXT_SQL,
  schema: (field) => ({ type: 'string', maxLength: field.options.maxLength ?? 1000 }),
  operandError: expectString,
  checkOptions: (field) => {
    const max = field.options.maxLength;
    return max === undefined || (Number.isInteger(max) && max > 0) ? [] : [['options.maxLength', 'must be a whole number above 0']];
  },
});

/** Multi-line text up to 100,000 characters. */
export const longTextType = scalarType({
  type: 'long_text',
  renderer: 'textarea',
  operators: TEXT_OPS,
  searchable: true,
  sql: TEXT_SQL,
  schema: () => ({ type: 'string', maxLength: 100_000 }),
  operandError: expectString,
});

/** An e-mail address, stored trimmed and lower-cased so duplicates are found whatever the case. */
export const emailType = scalarType({
  type: 'email',
  renderer: 'email-input',
  operators: TEXT_OPS,
  searchable: true,
  sql: TEXT_SQL,
  schema: () => ({ type: 'string', format: 'email', maxLength: 254 }),
  normalise: (value) => (value as string).trim().toLowerCase(),
  operandError: expectString,
});

/** An absolute URL (with its scheme). */
export const urlType = scalarType({
  type: 'url',
  renderer: 'url-input',
  operators: TEXT_OPS,
  searchable: true,
  sql: TEXT_SQL,
  schema: () => ({ type: 'string', format: 'uri', maxLength: 2048 }),
  operandError: expectString,
});
