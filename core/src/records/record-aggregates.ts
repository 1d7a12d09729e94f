import {
  AGGREGATE_FUNCTIONS,
  DATE_BUCKETS,
  type AggregateFunction,
  type AggregateResult,
  type AggregateRow,
  type DateBucket,
  type FieldMetadata,
} from '@trellis/sdk';
import type { Dialect } from '../db/connect.js';
import type { SqlRunner } from '../db/sql-runner.js';
import type { EntityRuntime } from '../entities/entity-runtime.js';
import { fieldType } from '../entities/field-types/index.js';
import { q } from '../entities/identifiers.js';
import { ValidationError } from '../errors.js';
import { isJsonObject } from '../json-object.js';

const MAX_GROUPS = 4;
const MAX_METRICS = 20;
const DEFAULT_LIMIT = 1000;
const MAX_LIMIT = 10_000;
const METRIC_NAME = /^[a-z][a-z0-9_]{0,39}$/;
const FUNCTIONS = new Set<string>(AGGREGATE_FUNCTIONS);
const BUCKETS = new Set<string>(DATE_BUCKETS);
/** Types summed and averaged (a currency field contributes its amount column). */
const NUMERIC = new Set<string>(['integer', 'decimal', 'percent', 'currency']);
const TEMPORAL = new Set<string>(['date', 'datetime']);
/** Types whose single column is the value itself, so a group key can be read back as the field. */
const GROUPABLE = new Set<string>([
  'text',
  'email',
  'url',
  'select',
  'lookup',
  'integer',
  'decimal',
  'percent',
  'boolean',
  'date',
  'datetime',
]);

/** The checked query, ready to become SQL. */
export interface AggregatePlan {
  groups: Array<{ name: string; field: FieldMetadata; sql: string; bucketed: boolean }>;
  metrics: Array<{ name: string; fn: AggregateFunction; field: FieldMetadata | null; sql: string }>;
  limit: number;
}

/** The built-in type a field is stored as (a plugin's type is stored as its base). */
function baseType(field: FieldMetadata): string {
  return fieldType(field.type).base ?? field.type;
}

function field(entity: EntityRuntime, name: unknown, path: string): FieldMetadata {
  if (typeof name !== 'string') throw ValidationError.at(path, 'must be a field name');
  const found = entity.fields.get(name);
  if (!found) throw ValidationError.at(path, `"${name}" is not a field of ${entity.name}`);
  return found;
}

function column(field: FieldMetadata, alias: string): string {
  return `${alias}.${q(fieldType(field.type).sortColumn(field) ?? field.name)}`;
}

/** A date or date-time column cut to the bucket's text on both engines (date-times in UTC). */
function bucketSql(field: FieldMetadata, by: DateBucket, col: string, dialect: Dialect): string {
  const width = { day: 10, month: 7, year: 4 }[by];
  // SQLite stores both types as ISO text (date-times in UTC), so a prefix is the bucket.
  if (dialect === 'sqlite') return `substr(${col}, 1, ${width})`;
  const format = { day: 'YYYY-MM-DD', month: 'YYYY-MM', year: 'YYYY' }[by];
  const value = baseType(field) === 'datetime' ? `(${col} AT TIME ZONE 'UTC')` : col;
  return `to_char(${value}, '${format}')`;
}

function planGroup(entity: EntityRuntime, raw: unknown, path: string, alias: string, dialect: Dialect): AggregatePlan['groups'][number] {
  if (typeof raw === 'string') {
    const found = field(entity, raw, path);
    if (!GROUPABLE.has(baseType(found))) throw ValidationError.at(path, `${found.type} fields cannot be grouped by`);
    return { name: found.name, field: found, sql: column(found, alias), bucketed: false };
  }
  if (!isJsonObject(raw)) throw ValidationError.at(path, 'must be a field name or { field, by }');
  const found = field(entity, raw.field, `${path}.field`);
  if (typeof raw.by !== 'string' || !BUCKETS.has(raw.by))
    throw ValidationError.at(`${path}.by`, `must be one of ${DATE_BUCKETS.join(', ')}`);
  if (!TEMPORAL.has(baseType(found))) throw ValidationError.at(`${path}.by`, `applies to date and datetime fields, not ${found.type}`);
  return { name: found.name, field: found, sql: bucketSql(found, raw.by as DateBucket, column(found, alias), dialect), bucketed: true };
}

function planMetric(entity: EntityRuntime, name: string, raw: unknown, path: string, alias: string): AggregatePlan['metrics'][number] {
  if (!METRIC_NAME.test(name)) throw ValidationError.at(path, 'metric names are lower snake case, at most 40 characters');
  if (!isJsonObject(raw)) throw ValidationError.at(path, 'must be an object { fn, field?, times? }');
  const fn = raw.fn;
  if (typeof fn !== 'string' || !FUNCTIONS.has(fn))
    throw ValidationError.at(`${path}.fn`, `must be one of ${AGGREGATE_FUNCTIONS.join(', ')}`);
  if (raw.field === undefined) {
    if (fn !== 'count') throw ValidationError.at(`${path}.field`, `is required for ${fn}`);
    if (raw.times !== undefined) throw ValidationError.at(`${path}.times`, 'applies to sum and avg only');
    return { name, fn, field: null, sql: 'COUNT(*)' };
  }
  const target = field(entity, raw.field, `${path}.field`);
  const type = baseType(target);
  const col = column(target, alias);
  if (raw.times !== undefined && fn !== 'sum' && fn !== 'avg') throw ValidationError.at(`${path}.times`, 'applies to sum and avg only');
  if (fn === 'count') return { name, fn, field: target, sql: `COUNT(${col})` };
  if ((fn === 'sum' || fn === 'avg') && !NUMERIC.has(type))
    throw ValidationError.at(`${path}.field`, `${fn} needs a number field, not ${target.type}`);
  if ((fn === 'min' || fn === 'max') && !NUMERIC.has(type) && !TEMPORAL.has(type))
    throw ValidationError.at(`${path}.field`, `${fn} needs a number, date or datetime field, not ${target.type}`);
  let operand = col;
  if (raw.times !== undefined) {
    const factor = field(entity, raw.times, `${path}.times`);
    if (!NUMERIC.has(baseType(factor))) throw ValidationError.at(`${path}.times`, `needs a number field, not ${factor.type}`);
    operand = `(${col} * ${column(factor, alias)})`;
  }
  return { name, fn: fn as AggregateFunction, field: target, sql: `${fn.toUpperCase()}(${operand})` };
}

/**
 * Checks an aggregate query against the entity (as the caller may see it: hidden fields do not
 * exist) and plans its SQL expressions. Identifiers come only from metadata.
 */
export function planAggregate(entity: EntityRuntime, query: unknown, alias: string, dialect: Dialect): AggregatePlan {
  if (!isJsonObject(query)) throw ValidationError.at('body', 'must be an object { metrics, groupBy?, filter?, limit? }');
  const rawGroups = query.groupBy ?? [];
  if (!Array.isArray(rawGroups)) throw ValidationError.at('groupBy', 'must be an array');
  if (rawGroups.length > MAX_GROUPS) throw ValidationError.at('groupBy', `may hold at most ${MAX_GROUPS} groupings`);
  const groups = rawGroups.map((raw, index) => planGroup(entity, raw, `groupBy[${index}]`, alias, dialect));
  const names = new Set<string>();
  for (const [index, group] of groups.entries()) {
    if (names.has(group.name)) throw ValidationError.at(`groupBy[${index}]`, `"${group.name}" is grouped by twice`);
    names.add(group.name);
  }
  if (!isJsonObject(query.metrics) || Object.keys(query.metrics).length === 0)
    throw ValidationError.at('metrics', 'must name at least one metric, e.g. { "count": { "fn": "count" } }');
  const entries = Object.entries(query.metrics);
  if (entries.length > MAX_METRICS) throw ValidationError.at('metrics', `may hold at most ${MAX_METRICS} metrics`);
  const metrics = entries.map(([name, raw]) => planMetric(entity, name, raw, `metrics.${name}`, alias));
  const limit = query.limit ?? DEFAULT_LIMIT;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
    throw ValidationError.at('limit', `must be a whole number from 1 to ${MAX_LIMIT}`);
  return { groups, metrics, limit };
}

/** A database value as text (bucket keys and dates are text already; numbers are not expected). */
function asText(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint' ? String(value) : JSON.stringify(value);
}

/** Reads a group key back as the API shows the field (SQLite booleans are 0/1, etc.). */
function groupValue(group: AggregatePlan['groups'][number], value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (group.bucketed) return asText(value);
  return fieldType(group.field.type).read({ [group.field.name]: value }, group.field) as string | number | boolean | null;
}

function metricValue(metric: AggregatePlan['metrics'][number], value: unknown): number | string | null {
  if (value === null || value === undefined) return null;
  if (metric.field && TEMPORAL.has(baseType(metric.field))) return asText(value);
  return Number(value);
}

/**
 * Runs a planned aggregate: one `SELECT … GROUP BY … ORDER BY … LIMIT` over `table AS alias`
 * restricted by `where` (the caller's read scope and filter, compiled by the caller).
 */
export async function runAggregate(
  sql: SqlRunner,
  table: string,
  alias: string,
  plan: AggregatePlan,
  where: { sql: string; bindings: unknown[] },
  dialect: Dialect,
): Promise<AggregateResult> {
  const keys = plan.groups.map((group, index) => `${group.sql} AS ${q(`g${index}`)}`);
  const values = plan.metrics.map((metric, index) => `${metric.sql} AS ${q(`m${index}`)}`);
  const positions = plan.groups.map((_, index) => String(index + 1));
  const order = positions.map((position) => (dialect === 'postgres' ? `${position} NULLS FIRST` : position));
  const text =
    `SELECT ${[...keys, ...values].join(', ')} FROM ${table} AS ${alias} WHERE ${where.sql}` +
    (positions.length ? ` GROUP BY ${positions.join(', ')} ORDER BY ${order.join(', ')}` : '') +
    ` LIMIT ${plan.limit + 1}`;
  const rows = await sql.query(text, where.bindings);
  const data: AggregateRow[] = rows.slice(0, plan.limit).map((row) => ({
    group: Object.fromEntries(plan.groups.map((group, index) => [group.name, groupValue(group, row[`g${index}`])])),
    values: Object.fromEntries(plan.metrics.map((metric, index) => [metric.name, metricValue(metric, row[`m${index}`])])),
  }));
  return { data, truncated: rows.length > plan.limit };
}
