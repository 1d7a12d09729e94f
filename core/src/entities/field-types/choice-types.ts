import type { FieldMetadata, SelectOption } from '@trellis/sdk';
import { column, EQUALITY_OPS, OperandError, type FieldTypeModule } from './field-type.js';
import { scalarType } from './scalar.js';

/** The allowed values of a select field, whatever form the options were written in. */
export function choiceValues(field: FieldMetadata): string[] {
  return (field.options.choices ?? []).map((choice: SelectOption | string) => (typeof choice === 'string' ? choice : choice.value));
}

function checkChoices(field: FieldMetadata): Array<[string, string]> {
  const choices = field.options.choices;
  if (!Array.isArray(choices) || choices.length === 0) return [['options.choices', 'must list at least one choice']];
  const values = choices.map((choice: SelectOption | string | null) => (typeof choice === 'string' ? choice : choice?.value));
  if (values.some((value) => typeof value !== 'string' || value.length === 0 || value.length > 200)) {
    return [['options.choices', 'each choice needs a value of 1 to 200 characters']];
  }
  if (new Set(values).size !== values.length) return [['options.choices', 'values must be unique']];
  return [];
}

function choiceOperand(value: unknown, field: FieldMetadata): string {
  if (typeof value !== 'string' || !choiceValues(field).includes(value)) {
    throw new OperandError(`must be one of ${choiceValues(field).join(', ')}`);
  }
  return value;
}

/** True or false. SQLite keeps it as 0/1; the API always says true/false. */
export const booleanType = scalarType({
  type: 'boolean',
  renderer: 'checkbox',
  operators: ['eq', 'ne', 'isNull'],
  sql: { sqlite: 'INTEGER', postgres: 'boolean' },
  schema: () => ({ type: 'boolean' }),
  fromColumn: (value) => value === true || value === 1,
  operandError: (value) => (typeof value === 'boolean' ? null : 'must be true or false'),
});

/** One value out of `options.choices`. */
export const selectType = scalarType({
  type: 'select',
  renderer: 'select',
  operators: EQUALITY_OPS,
  sql: { sqlite: 'TEXT', postgres: 'text' },
  schema: (field) => ({ type: 'string', enum: choiceValues(field) }),
  operandError: (value, field) => {
    try {
      choiceOperand(value, field);
      return null;
    } catch (error) {
      return (error as Error).message;
    }
  },
  checkOptions: checkChoices,
});

/**
 * Several values out of `options.choices`, kept as a JSON array (jsonb on PostgreSQL).
 * Filters: `contains` one value, `in` any of, `nin` none of, `isNull` (no value at all).
 */
export const multiSelectType: FieldTypeModule = {
  type: 'multi_select',
  renderer: 'multi-select',
  operators: ['contains', 'in', 'nin', 'isNull'],
  searchable: false,
  columns: (field) => [{ name: field.name, sql: { sqlite: 'TEXT', postgres: 'jsonb' } }],
  sortColumn: () => null,
  schema: (field) => ({ type: 'array', items: { type: 'string', enum: choiceValues(field) }, uniqueItems: true, maxItems: 200 }),
  write: (value, field) => ({ [field.name]: JSON.stringify(value) }),
  read(row, field) {
    const value = column(row, field.name);
    if (value === null) return null;
    return typeof value === 'string' ? (JSON.parse(value) as string[]) : value;
  },
  operand: choiceOperand,
  filter(op, value, col, _field, dialect) {
    const values = (Array.isArray(value) ? value : [value]) as string[];
    // `in: []` matches nothing and `nin: []` everything, as for the other types.
    if (values.length === 0) return op === 'nin' ? { sql: '1=1', bindings: [] } : { sql: '1=0', bindings: [] };
    const one =
      dialect === 'postgres'
        ? { sql: `${col} @> ?::jsonb`, bind: (v: string) => JSON.stringify([v]) }
        : { sql: `EXISTS (SELECT 1 FROM json_each(${col}) WHERE json_each.value = ?)`, bind: (v: string) => v };
    const any = { sql: `(${values.map(() => one.sql).join(' OR ')})`, bindings: values.map(one.bind) };
    if (op === 'contains' || op === 'in') return any;
    if (op === 'nin') return { sql: `(${col} IS NULL OR NOT ${any.sql})`, bindings: any.bindings };
    return null;
  },
  checkOptions: checkChoices,
};
