import type { Filter } from './filters.js';

/**
 * What an aggregate metric computes over the records of a group.
 *
 * @example
 * ```ts
 * AGGREGATE_FUNCTIONS.includes('avg'); // true
 * ```
 */
export const AGGREGATE_FUNCTIONS = ['count', 'sum', 'avg', 'min', 'max'] as const;

/**
 * One of {@link AGGREGATE_FUNCTIONS}.
 *
 * @example
 * ```ts
 * const fn: AggregateFunction = 'sum';
 * ```
 */
export type AggregateFunction = (typeof AGGREGATE_FUNCTIONS)[number];

/**
 * How a date or date-time field is cut into buckets when grouping (UTC for date-times):
 * `day` gives `2026-03-14`, `month` `2026-03`, `year` `2026`.
 *
 * @example
 * ```ts
 * DATE_BUCKETS.includes('month'); // true
 * ```
 */
export const DATE_BUCKETS = ['day', 'month', 'year'] as const;

/**
 * One of {@link DATE_BUCKETS}.
 *
 * @example
 * ```ts
 * const bucket: DateBucket = 'month';
 * ```
 */
export type DateBucket = (typeof DATE_BUCKETS)[number];

/**
 * One computed value per group. `count` without a field counts records, with one the records
 * where it is not null; `sum` and `avg` take a number field (integer, decimal, percent, or the
 * amount of a currency field) and may multiply it by a second one first (`times`: the weighted
 * amount `amount × probability`); `min` and `max` take a number, date or date-time field.
 *
 * @example
 * ```ts
 * const weighted: AggregateMetric = { fn: 'sum', field: 'amount', times: 'probability' };
 * const deals: AggregateMetric = { fn: 'count' };
 * ```
 */
export interface AggregateMetric {
  /** What to compute. */
  fn: AggregateFunction;
  /** The field it applies to; required except for `count`. */
  field?: string;
  /** For `sum` and `avg`: a number field the value is multiplied by, row by row. */
  times?: string;
}

/**
 * What records are grouped by: a field's value (`'stage'`, `'owner_id'`), or a date or
 * date-time field cut into buckets (`{ field: 'expected_close', by: 'month' }`). Records whose
 * value is null form their own group.
 *
 * @example
 * ```ts
 * const groups: AggregateGroup[] = ['stage', { field: 'expected_close', by: 'month' }];
 * ```
 */
export type AggregateGroup =
  | string
  | {
      /** A date or datetime field. */
      field: string;
      /** The bucket its values are cut to (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`; date-times in UTC). */
      by: DateBucket;
    };

/**
 * An aggregate query: records matching `filter`, grouped by `groupBy` (none: one group of
 * everything), with named `metrics` computed per group. It runs as one SQL `GROUP BY` under the
 * caller's read scope, so it costs one pass over the matching rows (an index range when the
 * filter is on indexed fields) and never loads records.
 *
 * @example
 * ```ts
 * const query: AggregateQuery = {
 *   filter: { pipeline: { eq: pipelineId } },
 *   groupBy: ['stage'],
 *   metrics: { deals: { fn: 'count' }, amount: { fn: 'sum', field: 'amount' } },
 * };
 * ```
 */
export interface AggregateQuery {
  /** Which records, in the records filter grammar. */
  filter?: Filter;
  /** Up to 4 groupings; the rows come ordered by them (nulls first). */
  groupBy?: AggregateGroup[];
  /** Up to 20 metrics by name (lower snake case names). */
  metrics: Record<string, AggregateMetric>;
  /** Most groups returned (1 to 10,000, default 1,000); `truncated` says when there were more. */
  limit?: number;
}

/**
 * One group of an aggregate result: its key (by grouping name: the field name, for a bucketed
 * date the bucket text) and its metrics (null for a sum, average, min or max over no value).
 *
 * @example
 * ```ts
 * const row: AggregateRow = { group: { stage: '0190…', expected_close: '2026-03' }, values: { deals: 4, amount: 120000 } };
 * ```
 */
export interface AggregateRow {
  /** The grouping values. */
  group: Record<string, string | number | boolean | null>;
  /** The metrics; a min or max of a date field is its text. */
  values: Record<string, number | string | null>;
}

/**
 * What {@link AggregateQuery} returns.
 *
 * @example
 * ```ts
 * const total = (result: AggregateResult) => result.data.reduce((sum, row) => sum + Number(row.values.amount ?? 0), 0);
 * ```
 */
export interface AggregateResult {
  /** The groups, ordered by their grouping values. */
  data: AggregateRow[];
  /** Whether there were more groups than `limit`. */
  truncated: boolean;
}
