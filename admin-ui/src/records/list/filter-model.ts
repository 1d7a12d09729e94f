import type { FieldMetadata, Filter } from '../../api/types.js';

/**
 * What the filter builder edits, in a form that maps one to one onto the API's filter grammar
 * (docs/reference/filter-grammar.md): a list of rules joined by `and` or `or`. `empty` and
 * `notEmpty` stand for `isNull: true` and `isNull: false`, which read better as two choices.
 */
export type RuleOperator =
  'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte' | 'between' | 'in' | 'nin' | 'contains' | 'startsWith' | 'endsWith' | 'empty' | 'notEmpty';

/** A condition on one field of the entity. `value` is already in the API's form (a number, an ISO date, an array for `in`). */
export interface FieldRule {
  kind: 'field';
  field: string;
  op: RuleOperator;
  value: unknown;
}

/** A `$relation` test: has (or has not) a relation of `type`, optionally to one record or to records matching `where`. */
export interface RelationRule {
  kind: 'relation';
  type: string;
  exists: boolean;
  /** Only relations to this record. */
  to?: { entity: string; id: string };
  /** Only relations to records of `entity` matching this one condition. */
  where?: { entity: string; rule: FieldRule };
}

export type Rule = FieldRule | RelationRule;

export interface FilterModel {
  match: 'all' | 'any';
  rules: Rule[];
}

const TEXT: RuleOperator[] = ['contains', 'eq', 'ne', 'startsWith', 'endsWith', 'in', 'nin', 'empty', 'notEmpty'];
const RANGE: RuleOperator[] = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'between', 'in', 'nin', 'empty', 'notEmpty'];
const CHOICE: RuleOperator[] = ['eq', 'ne', 'in', 'nin', 'empty', 'notEmpty'];

/** The operators a field accepts (the table "Operators by field type" of the filter grammar). */
export function operatorsFor(field: FieldMetadata): RuleOperator[] {
  switch (field.type) {
    case 'text':
    case 'long_text':
    case 'email':
    case 'url':
      return TEXT;
    case 'integer':
    case 'decimal':
    case 'percent':
    case 'currency':
    case 'date':
    case 'datetime':
      return RANGE;
    case 'select':
      return CHOICE;
    case 'lookup':
      // `in` would mean typing record ids; one record at a time is picked by title instead.
      return ['eq', 'ne', 'empty', 'notEmpty'];
    case 'phone':
      return ['eq', 'ne', 'startsWith', 'in', 'nin', 'empty', 'notEmpty'];
    case 'boolean':
      return ['eq', 'ne', 'empty', 'notEmpty'];
    case 'multi_select':
      return ['contains', 'in', 'nin', 'empty', 'notEmpty'];
    case 'json':
      return ['empty', 'notEmpty'];
    default:
      // System text fields (id, created_by, owner_id) and plugin types: only what every type accepts.
      return field.system ? TEXT : ['eq', 'ne', 'empty', 'notEmpty'];
  }
}

/** Whether the field can appear in a filter at all. */
export function filterable(field: FieldMetadata): boolean {
  return operatorsFor(field).length > 0;
}

const LABELS: Record<RuleOperator, string> = {
  eq: 'is',
  ne: 'is not',
  gt: 'greater than',
  gte: 'at least',
  lt: 'less than',
  lte: 'at most',
  between: 'between',
  in: 'is any of',
  nin: 'is none of',
  contains: 'contains',
  startsWith: 'starts with',
  endsWith: 'ends with',
  empty: 'is empty',
  notEmpty: 'is not empty',
};

const TIME_LABELS: Partial<Record<RuleOperator, string>> = { gt: 'after', gte: 'on or after', lt: 'before', lte: 'on or before' };

/** How an operator reads in the builder, in the words of the field's type. */
export function operatorLabel(field: FieldMetadata, op: RuleOperator): string {
  if (field.type === 'date' || field.type === 'datetime' || field.name === 'created_at' || field.name === 'updated_at') {
    return TIME_LABELS[op] ?? LABELS[op];
  }
  if (field.type === 'multi_select' && op === 'contains') return 'has';
  return LABELS[op];
}

/** Whether the operator takes a value (the emptiness tests do not). */
export function needsValue(op: RuleOperator): boolean {
  return op !== 'empty' && op !== 'notEmpty';
}

/** Whether a rule is complete enough to send. */
export function isComplete(rule: Rule): boolean {
  if (rule.kind === 'relation') return !!rule.type && (!rule.to || !!rule.to.id) && (!rule.where || isComplete(rule.where.rule));
  if (!needsValue(rule.op)) return true;
  const value = rule.value;
  if (Array.isArray(value))
    return rule.op === 'between' ? value.length === 2 && value.every((v) => v !== '' && v !== null) : value.length > 0;
  return value !== undefined && value !== null && value !== '';
}

function fieldCondition(rule: FieldRule): Filter {
  if (rule.op === 'empty') return { [rule.field]: { isNull: true } };
  if (rule.op === 'notEmpty') return { [rule.field]: { isNull: false } };
  return { [rule.field]: { [rule.op]: rule.value } };
}

function relationCondition(rule: RelationRule): Filter {
  const test: Record<string, unknown> = { type: rule.type };
  if (rule.to) test.to = { entity: rule.to.entity, id: rule.to.id };
  if (rule.where) {
    test.entity = rule.where.entity;
    test.where = fieldCondition(rule.where.rule);
  }
  if (!rule.exists) test.exists = false;
  return { $relation: test };
}

/** The API filter for a model, or undefined when it has no complete rule. */
export function toFilter(model: FilterModel): Filter | undefined {
  const parts = model.rules.filter(isComplete).map((rule) => (rule.kind === 'field' ? fieldCondition(rule) : relationCondition(rule)));
  if (!parts.length) return undefined;
  return model.match === 'all' ? { and: parts } : { or: parts };
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function parseFieldRule(part: Json): FieldRule | undefined {
  const keys = Object.keys(part);
  if (keys.length !== 1) return undefined;
  const field = keys[0]!;
  if (field === 'and' || field === 'or' || field === 'not' || field.startsWith('$')) return undefined;
  const condition = part[field];
  if (!isObject(condition)) return { kind: 'field', field, op: condition === null ? 'empty' : 'eq', value: condition };
  const ops = Object.keys(condition);
  if (ops.length !== 1) return undefined;
  const op = ops[0]!;
  if (op === 'isNull') return { kind: 'field', field, op: condition.isNull ? 'empty' : 'notEmpty', value: undefined };
  if (!(op in LABELS)) return undefined;
  return { kind: 'field', field, op: op as RuleOperator, value: condition[op] };
}

function parseRule(part: unknown): Rule | undefined {
  if (!isObject(part)) return undefined;
  const test = part.$relation;
  if (test === undefined) return parseFieldRule(part);
  if (!isObject(test) || typeof test.type !== 'string' || Object.keys(part).length !== 1) return undefined;
  const rule: RelationRule = { kind: 'relation', type: test.type, exists: test.exists !== false };
  if (isObject(test.to) && typeof test.to.id === 'string')
    rule.to = { entity: typeof test.to.entity === 'string' ? test.to.entity : '', id: test.to.id };
  if (test.where !== undefined) {
    const inner = isObject(test.where) ? parseFieldRule(test.where) : undefined;
    if (!inner || typeof test.entity !== 'string') return undefined;
    rule.where = { entity: test.entity, rule: inner };
  }
  return rule;
}

/**
 * The model of a filter read from the URL, or undefined when the filter was written by hand
 * in a shape the builder cannot show (it is then edited as JSON).
 */
export function fromFilter(filter: unknown): FilterModel | undefined {
  if (filter === undefined) return { match: 'all', rules: [] };
  if (!isObject(filter)) return undefined;
  const keys = Object.keys(filter);
  if (keys.length === 0) return { match: 'all', rules: [] };
  if (keys.length === 1 && (keys[0] === 'and' || keys[0] === 'or') && Array.isArray(filter[keys[0]])) {
    const rules = (filter[keys[0]] as unknown[]).map(parseRule);
    if (rules.some((rule) => !rule)) return undefined;
    return { match: keys[0] === 'and' ? 'all' : 'any', rules: rules as Rule[] };
  }
  const single = parseRule(filter);
  return single ? { match: 'all', rules: [single] } : undefined;
}
