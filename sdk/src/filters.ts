/**
 * Comparison operators of the records filter grammar.
 *
 * @example
 * ```ts
 * FILTER_OPERATORS.includes('between'); // true
 * ```
 */
export const FILTER_OPERATORS = [
  'eq',
  'ne',
  'gt',
  'gte',
  'lt',
  'lte',
  'in',
  'nin',
  'contains',
  'startsWith',
  'endsWith',
  'isNull',
  'between',
] as const;

/**
 * One of {@link FILTER_OPERATORS}.
 *
 * @example
 * ```ts
 * const op: FilterOperator = 'startsWith';
 * ```
 */
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

/**
 * A value a filter compares with.
 *
 * @example
 * ```ts
 * const value: FilterValue = ['new', 'active'];
 * ```
 */
export type FilterValue = string | number | boolean | null | ReadonlyArray<string | number | boolean>;

/**
 * The conditions on one field: `{ gt: 50, lte: 90 }` (every condition must hold), or a bare
 * value as shorthand for `eq`.
 *
 * @example
 * ```ts
 * const score: FieldCondition = { gt: 50, lte: 90 };
 * ```
 */
export type FieldCondition = Partial<Record<FilterOperator, FilterValue>> | string | number | boolean | null;

/**
 * A relation test of the filter grammar: whether a record has relations of a type — to one
 * record (`to`), to records matching a filter (`where`, on `entity` when the type links
 * several), none (`exists: false`), or how many (`count`).
 *
 * @example
 * ```ts
 * const employedInFrance: RelationTest = { type: 'employed_by', where: { country: { eq: 'FR' } } };
 * const busy: RelationTest = { type: 'involves', count: { gte: 3 } };
 * ```
 */
export interface RelationTest {
  /** The relation type's key, from the record's side. */
  type: string;
  /** Only relations to this record. */
  to?: { entity?: string; id: string };
  /** Only relations to records matching this filter. */
  where?: Filter;
  /** The related entity `where` applies to, when the type links several. */
  entity?: string;
  /** `false`: records with no such relation. */
  exists?: boolean;
  /** Compares the number of such relations. */
  count?: Partial<Record<'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte', number>>;
}

/**
 * The JSON filter of `GET /api/records/:entity?filter=`. Keys other than `and`, `or`, `not`
 * and `$relation` are field paths, dotted through lookups (`company.country`).
 *
 * @example
 * ```ts
 * const filter: Filter = {
 *   and: [{ status: { eq: 'active' } }, { score: { gt: 50 } }, { 'company.country': { eq: 'FR' } }],
 * };
 * ```
 */
export type Filter =
  { and: Filter[] } | { or: Filter[] } | { not: Filter } | { $relation: RelationTest } | { [fieldPath: string]: FieldCondition };
