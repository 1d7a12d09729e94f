import type { FieldMetadata } from '@trellis/sdk';
import { column, ORDERED_OPS, OperandError, type FieldTypeModule } from './field-type.js';
import { expectNumber, scalarType } from './scalar.js';

function bounds(field: FieldMetadata, integer: boolean): Record<string, number> {
  const out: Record<string, number> = {};
  out.minimum = field.options.min ?? (integer ? Number.MIN_SAFE_INTEGER : -1e15);
  out.maximum = field.options.max ?? (integer ? Number.MAX_SAFE_INTEGER : 1e15);
  return out;
}

function checkBounds(field: FieldMetadata): Array<[string, string]> {
  const { min, max } = field.options;
  const problems: Array<[string, string]> = [];
  if (min !== undefined && typeof min !== 'number') problems.push(['options.min', 'must be a number']);
  if (max !== undefined && typeof max !== 'number') problems.push(['options.max', 'must be a number']);
  if (typeof min === 'number' && typeof max === 'number' && min > max) problems.push(['options.min', 'must not exceed options.max']);
  return problems;
}

/** Whole numbers (safe JavaScript integers; BIGINT on PostgreSQL). */
export const integerType = scalarType({
  type: 'integer',
  renderer: 'number-input',
  operators: ORDERED_OPS,
  sql: { sqlite: 'INTEGER', postgres: 'bigint' },
  schema: (field) => ({ type: 'integer', ...bounds(field, true) }),
  operandError: (value) => (Number.isSafeInteger(value) ? null : 'must be a whole number'),
  checkOptions: checkBounds,
});

/** Decimal numbers. */
export const decimalType = scalarType({
  type: 'decimal',
  renderer: 'number-input',
  operators: ORDERED_OPS,
  sql: { sqlite: 'NUMERIC', postgres: 'numeric' },
  schema: (field) => ({ type: 'number', ...bounds(field, false) }),
  operandError: expectNumber,
  checkOptions: checkBounds,
});

/** A percentage, written as 12.5 for 12.5 %. */
export const percentType = scalarType({
  type: 'percent',
  renderer: 'percent-input',
  operators: ORDERED_OPS,
  sql: { sqlite: 'NUMERIC', postgres: 'numeric' },
  schema: (field) => ({ type: 'number', ...bounds(field, false) }),
  operandError: expectNumber,
  checkOptions: checkBounds,
});

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/**
 * An amount with its ISO 4217 currency: `{ amount: 1200.5, currency: "EUR" }`. Stored in two
 * columns, `<name>` (the amount, used by filters and sorts) and `<name>_currency`.
 */
export const currencyType: FieldTypeModule = {
  type: 'currency',
  renderer: 'currency-input',
  operators: ORDERED_OPS,
  searchable: false,
  columns: (field) => [
    { name: field.name, sql: { sqlite: 'NUMERIC', postgres: 'numeric(19,4)' } },
    { name: `${field.name}_currency`, sql: { sqlite: 'TEXT', postgres: 'varchar(3)' } },
  ],
  sortColumn: (field) => field.name,
  schema: (field) => ({
    type: 'object',
    properties: {
      amount: { type: 'number', ...bounds(field, false) },
      currency: { type: 'string', pattern: '^[A-Z]{3}$' },
    },
    required: field.options.defaultCurrency ? ['amount'] : ['amount', 'currency'],
    additionalProperties: false,
  }),
  check(value) {
    const { currency } = value as { currency?: string };
    return currency === undefined || CURRENCIES.has(currency) ? null : `"${currency}" is not an ISO 4217 currency code`;
  },
  write(value, field) {
    const { amount, currency } = value as { amount: number; currency?: string };
    // The column keeps 4 decimals; rounding here makes the echo of a write equal a later read.
    return { [field.name]: Math.round(amount * 10_000) / 10_000, [`${field.name}_currency`]: currency ?? field.options.defaultCurrency };
  },
  read(row, field) {
    const amount = column(row, field.name);
    if (amount === null) return null;
    return { amount: Number(amount), currency: column(row, `${field.name}_currency`) };
  },
  operand(value) {
    const problem = expectNumber(value);
    if (problem) throw new OperandError(`${problem} (the amount)`);
    return value;
  },
  checkOptions(field) {
    const code = field.options.defaultCurrency;
    const problems = checkBounds(field);
    if (code !== undefined && !CURRENCIES.has(code)) problems.push(['options.defaultCurrency', 'must be an ISO 4217 code']);
    return problems;
  },
};
