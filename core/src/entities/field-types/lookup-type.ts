import { column, EQUALITY_OPS, OperandError, type FieldTypeModule } from './field-type.js';

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A many-to-one link to a record of `options.target`: a real foreign key (ON DELETE SET NULL),
 * always indexed. Filters can walk through it with dotted paths (`company.country`).
 */
export const lookupType: FieldTypeModule = {
  type: 'lookup',
  renderer: 'lookup',
  operators: EQUALITY_OPS,
  searchable: false,
  columns: (field) => [
    {
      name: field.name,
      sql: {
        sqlite: `TEXT REFERENCES "${field.options.target}"("id") ON DELETE SET NULL`,
        postgres: `text REFERENCES "${field.options.target}"("id") ON DELETE SET NULL`,
      },
    },
  ],
  sortColumn: (field) => field.name,
  schema: () => ({ type: 'string', pattern: ID.source }),
  write: (value, field) => ({ [field.name]: value }),
  read: (row, field) => column(row, field.name),
  operand(value) {
    if (typeof value !== 'string' || !ID.test(value)) throw new OperandError('must be a record id');
    return value;
  },
};

/** True when a string has the shape of a record id (UUID). */
export function isRecordId(value: unknown): value is string {
  return typeof value === 'string' && ID.test(value);
}
