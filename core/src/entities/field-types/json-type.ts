import { column, OperandError, type FieldTypeModule } from './field-type.js';

/** Any JSON value, kept as text on SQLite and jsonb on PostgreSQL. Filterable only by `isNull`. */
export const jsonType: FieldTypeModule = {
  type: 'json',
  renderer: 'json-editor',
  operators: ['isNull'],
  searchable: false,
  columns: (field) => [{ name: field.name, sql: { sqlite: 'TEXT', postgres: 'jsonb' }, readAsText: true }],
  sortColumn: () => null,
  schema: () => ({}),
  write: (value, field) => ({ [field.name]: JSON.stringify(value) }),
  read(row, field) {
    const value = column(row, field.name);
    return typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  },
  operand() {
    throw new OperandError('json fields can only be tested with isNull');
  },
};
