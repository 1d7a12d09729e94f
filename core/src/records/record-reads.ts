import type { AggregateResult, FieldMetadata, RecordPage, TrellisRecord } from '@trellis/sdk';
import type { Dialect } from '../db/connect.js';
import type { Row, SqlRunner } from '../db/sql-runner.js';
import type { EntityRuntime } from '../entities/entity-runtime.js';
import { fieldType, type SqlFragment } from '../entities/field-types/index.js';
import { q } from '../entities/identifiers.js';
import type { MetadataStore } from '../entities/metadata-store.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { decodeRow } from './codec.js';
import { compileFilter } from './filter-compiler.js';
import { planAggregate, runAggregate } from './record-aggregates.js';
import { afterCursor, decodeCursor, encodeCursor, orderBy, parseSort } from './keyset.js';
import { assertListable, restrict, scopeCondition, viewOf, type ReadGrants } from './record-access.js';
import { and, or, placeholders } from './sql.js';

/** What a list may ask for, already split from the query string. */
export interface ListOptions {
  filter?: unknown;
  sort?: string;
  limit?: number;
  cursor?: string;
  fields?: string[];
  expand?: string[];
  q?: string;
}

/** What a read may ask for. */
export interface ReadOptions {
  fields?: string[];
  expand?: string[];
}

/** The alias of the entity's table in every records query. */
export const ALIAS = 't0';

/**
 * Reads records of any entity through the runner it is given (the database's, or an open
 * transaction's). Every query is built from metadata and runs as SQL; no filtering, sorting
 * or counting happens in JavaScript. Given a user's grants, the read scope is one more SQL
 * condition and hidden fields do not exist (see docs/reference/security.md).
 */
export class RecordReader {
  constructor(
    private readonly store: MetadataStore,
    private readonly dialect: Dialect,
  ) {}

  /** One page of records, in keyset order. */
  async list(sql: SqlRunner, entityName: string, options: ListOptions, grants: ReadGrants): Promise<RecordPage> {
    assertListable(grants, entityName);
    const entity = viewOf(this.store.get(entityName), grants);
    const keys = parseSort(options.sort, entity);
    const limit = options.limit ?? 50;
    const fields = this.selectedFields(entity, options.fields, options.expand);
    const where = this.where(entity, options, grants);
    const segments: Array<SqlFragment | null> = options.cursor ? afterCursor(keys, decodeCursor(options.cursor, keys), ALIAS) : [null];
    const order = orderBy(keys, ALIAS, this.dialect);
    const found: Row[] = [];
    for (const segment of segments) {
      if (found.length > limit) break;
      const condition = segment ? and([where, segment]) : where;
      const text = `SELECT ${entity.selectList} FROM ${entity.table} AS ${ALIAS} WHERE ${condition.sql} ORDER BY ${order} LIMIT ${limit + 1 - found.length}`;
      found.push(...(await sql.query(text, condition.bindings)));
    }
    const page = found.slice(0, limit);
    const next = found.length > limit ? encodeCursor(page.at(-1) as Row, keys) : null;
    const data = page.map((row) => decodeRow(entity, row, fields));
    await this.expand(sql, entity, data, options.expand, grants);
    return { data, page: { next } };
  }

  /** How many records match. */
  async count(sql: SqlRunner, entityName: string, options: Pick<ListOptions, 'filter' | 'q'>, grants: ReadGrants): Promise<number> {
    assertListable(grants, entityName);
    const entity = viewOf(this.store.get(entityName), grants);
    const where = this.where(entity, options, grants);
    const [row] = await sql.query(`SELECT COUNT(*) AS n FROM ${entity.table} AS ${ALIAS} WHERE ${where.sql}`, where.bindings);
    return Number(row?.n ?? 0);
  }

  /** Metrics per group, computed by one GROUP BY over the matching rows the user may read. */
  async aggregate(sql: SqlRunner, entityName: string, query: unknown, grants: ReadGrants): Promise<AggregateResult> {
    assertListable(grants, entityName);
    const entity = viewOf(this.store.get(entityName), grants);
    const plan = planAggregate(entity, query, ALIAS, this.dialect);
    const filter = (query as { filter?: unknown }).filter;
    const where = this.where(entity, filter === undefined ? {} : { filter }, grants);
    return runAggregate(sql, entity.table, ALIAS, plan, where, this.dialect);
  }

  /** One record; 404 when there is none with that id, or none the user may read. */
  async get(sql: SqlRunner, entityName: string, id: string, options: ReadOptions, grants: ReadGrants): Promise<TrellisRecord> {
    const entity = viewOf(this.store.get(entityName), grants);
    const fields = this.selectedFields(entity, options.fields, options.expand);
    const row = await this.findRow(sql, entity, id, '', scopeCondition(grants, entity.name, 'read', ALIAS));
    if (!row) throw new NotFoundError(`Record ${entityName}/${id}`);
    const record = decodeRow(entity, row, fields);
    await this.expand(sql, entity, [record], options.expand, grants);
    return record;
  }

  /**
   * The stored row of a record, if it meets `condition` (on {@link ALIAS}); `lock` (PostgreSQL's
   * `FOR UPDATE`) holds it until the transaction ends.
   */
  async findRow(
    sql: SqlRunner,
    entity: EntityRuntime,
    id: string,
    lock = '',
    condition: SqlFragment | null = null,
  ): Promise<Row | undefined> {
    const where = restrict({ sql: `${ALIAS}."id" = ?`, bindings: [id] }, condition);
    const [row] = await sql.query(`SELECT ${entity.selectList} FROM ${entity.table} AS ${ALIAS} WHERE ${where.sql}${lock}`, where.bindings);
    return row;
  }

  private where(entity: EntityRuntime, options: Pick<ListOptions, 'filter' | 'q'>, grants: ReadGrants): SqlFragment {
    const parts: SqlFragment[] = [];
    const scope = scopeCondition(grants, entity.name, 'read', ALIAS);
    if (scope) parts.push(scope);
    if (options.filter !== undefined) {
      const context = { store: this.store, relationTypes: this.store.relationTypes, dialect: this.dialect, grants };
      parts.push(compileFilter(options.filter, entity, ALIAS, context));
    }
    if (options.q) parts.push(this.search(entity, options.q));
    return and(parts);
  }

  /** `q`: a case-insensitive substring of any text-like field (a scan; see docs/reference/http-api.md). */
  private search(entity: EntityRuntime, text: string): SqlFragment {
    if (text.length > 200) throw ValidationError.at('q', 'must be at most 200 characters');
    const pattern = `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
    const like = this.dialect === 'postgres' ? 'ILIKE' : 'LIKE';
    const columns = entity.userFields.filter((field) => fieldType(field.type).searchable).map((field) => `${ALIAS}.${q(field.name)}`);
    return or(columns.map((column) => ({ sql: `${column} ${like} ? ESCAPE '\\'`, bindings: [pattern] })));
  }

  private selectedFields(entity: EntityRuntime, names: string[] | undefined, expand: string[] | undefined): FieldMetadata[] {
    if (!names) return entity.meta.fields;
    const wanted = new Set(['id', ...names, ...(expand ?? [])]);
    for (const name of wanted)
      if (!entity.fields.has(name)) throw ValidationError.at('fields', `"${name}" is not a field of ${entity.name}`);
    return entity.meta.fields.filter((field) => wanted.has(field.name));
  }

  /**
   * Replaces the ids of the named lookups by the records they point to: one query per lookup. A
   * target the user may not read becomes null, as a dangling id would.
   */
  private async expand(
    sql: SqlRunner,
    entity: EntityRuntime,
    records: TrellisRecord[],
    expand: string[] | undefined,
    grants: ReadGrants,
  ): Promise<void> {
    for (const name of expand ?? []) {
      const field = entity.fields.get(name);
      if (field?.type !== 'lookup') throw ValidationError.at('expand', `"${name}" is not a lookup field of ${entity.name}`);
      const target = viewOf(this.store.get(field.options.target as string), grants);
      const ids = [...new Set(records.map((record) => record[name]).filter((id): id is string => typeof id === 'string'))];
      if (ids.length === 0) continue;
      const where = restrict(
        { sql: `${ALIAS}."id" IN (${placeholders(ids.length)})`, bindings: ids },
        scopeCondition(grants, target.name, 'read', ALIAS),
      );
      const rows = await sql.query(`SELECT ${target.selectList} FROM ${target.table} AS ${ALIAS} WHERE ${where.sql}`, where.bindings);
      const byId = new Map(rows.map((row) => [row.id as string, decodeRow(target, row)]));
      for (const record of records) {
        const id = record[name];
        if (typeof id === 'string') record[name] = byId.get(id) ?? null;
      }
    }
  }
}
