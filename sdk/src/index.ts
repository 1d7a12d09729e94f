export { FIELD_TYPES } from './fields.js';
export type { FieldType, SelectOption, FieldOptions, FieldDefinition, FieldMetadata } from './fields.js';
export { SYSTEM_FIELDS, defineEntity } from './entities.js';
export type { SystemField, EntityDefinition, EntityMetadata } from './entities.js';
export { FILTER_OPERATORS } from './filters.js';
export type { FilterOperator, FilterValue, FieldCondition, Filter } from './filters.js';
export type { FieldProblem, ProblemDetails } from './problems.js';
export type { TrellisRecord, RecordPage, ListQuery } from './records.js';
