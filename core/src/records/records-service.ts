import type { FieldMetadata, FieldProblem, RecordPage, TrellisRecord } from '@trellis/sdk';
import type { Actor } from '../auth/actor.js';
import type { Database } from '../db/connect.js';
import type { Row, SqlRunner } from '../db/sql-runner.js';
import type { EntityRuntime } from '../entities/entity-runtime.js';
import { fieldType, type SqlFragment } from '../entities/field-types/index.js';
import { q } from '../entities/identifiers.js';
import type { MetadataStore } from '../entities/metadata-store.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { checkInput, decodeRow, emptyRow, encodeFields, type SplitInput } from './codec.js';
import { compileFilter } from './filter-compiler.js';
import { afterCursor, decodeCursor, encodeCursor, orderBy, parseSort } from './keyset.js';
import { and, or, placeholders } from './sql.js';
import { newRecordId } from './record-ids.js';
import { assertLookupsExist, assertNoDuplicatesInBatch, translateWriteError } from './write-checks.js';

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

const ALIAS = 't0';
/** Bindings per INSERT statement, under SQLite's limit of 32,766 and PostgreSQL's 65,535. */
const MAX_BINDINGS = 30_000;
/** Rows per INSERT on SQLite: a multi-row VALUES is a compound SELECT, limited to 500 terms. */
const SQLITE_MAX_ROWS = 500;

/** What else goes when a record is deleted (its relations), in the same transaction. */
export interface RecordDeleteCascade {
  /** Runs inside the delete's transaction; returns what to do once it has committed (announce events). */
  deleteWith(tx: SqlRunner, entity: string, id: string): Promise<() => void>;
}

/**
 * Reads and writes records of any entity. Every query is built from metadata and runs as SQL;
 * no filtering, sorting or counting happens in JavaScript.
 */
export class RecordsService {
  constructor(
    private readonly db: Database,
    private readonly store: MetadataStore,
    private readonly bulkLimit: number,
    private readonly cascade: RecordDeleteCascade,
  ) {}

  /** One page of records, in keyset order. */
  list(entityName: string, options: ListOptions): Promise<RecordPage> {
    return this.store.fresh(async () => {
      const entity = this.store.get(entityName);
      const keys = parseSort(options.sort, entity);
      const limit = options.limit ?? 50;
      const fields = this.selectedFields(entity, options.fields, options.expand);
      const where = this.where(entity, options);
      const segments: Array<SqlFragment | null> = options.cursor ? afterCursor(keys, decodeCursor(options.cursor, keys), ALIAS) : [null];
      const order = orderBy(keys, ALIAS, this.db.dialect);
      const found: Row[] = [];
      for (const segment of segments) {
        if (found.length > limit) break;
        const condition = segment ? and([where, segment]) : where;
        const sql = `SELECT ${entity.selectList} FROM ${entity.table} AS ${ALIAS} WHERE ${condition.sql} ORDER BY ${order} LIMIT ${limit + 1 - found.length}`;
        found.push(...(await this.db.sql.query(sql, condition.bindings)));
      }
      const page = found.slice(0, limit);
      const next = found.length > limit ? encodeCursor(page.at(-1) as Row, keys) : null;
      const data = page.map((row) => decodeRow(entity, row, fields));
      await this.expand(entity, data, options.expand);
      return { data, page: { next } };
    });
  }

  /** How many records match. */
  count(entityName: string, options: Pick<ListOptions, 'filter' | 'q'>): Promise<number> {
    return this.store.fresh(async () => {
      const entity = this.store.get(entityName);
      const where = this.where(entity, options);
      const [row] = await this.db.sql.query(`SELECT COUNT(*) AS n FROM ${entity.table} AS ${ALIAS} WHERE ${where.sql}`, where.bindings);
      return Number(row?.n ?? 0);
    });
  }

  /** One record; 404 when there is none with that id. */
  get(entityName: string, id: string, options: ReadOptions = {}): Promise<TrellisRecord> {
    return this.store.fresh(async () => {
      const entity = this.store.get(entityName);
      const fields = this.selectedFields(entity, options.fields, options.expand);
      const row = await this.findRow(entity, id);
      if (!row) throw new NotFoundError(`Record ${entityName}/${id}`);
      const record = decodeRow(entity, row, fields);
      await this.expand(entity, [record], options.expand);
      return record;
    });
  }

  /** Creates one record, or every record of an array in one transaction (all or nothing). */
  create(entityName: string, body: unknown, actor: Actor): Promise<TrellisRecord | TrellisRecord[]> {
    return this.store.fresh(async () => {
      const entity = this.store.get(entityName);
      const many = Array.isArray(body);
      const inputs: unknown[] = many ? body : [body];
      if (many && inputs.length === 0) throw ValidationError.at('body', 'must hold at least one record');
      if (inputs.length > this.bulkLimit)
        throw ValidationError.at('body', `may hold at most ${this.bulkLimit} records; split it into several requests`);
      const checked: SplitInput[] = [];
      const problems: FieldProblem[] = [];
      inputs.forEach((input, index) => {
        const result = checkInput(entity, input, 'create', many ? `[${index}].` : '');
        checked.push(result.value);
        problems.push(...result.problems);
      });
      if (problems.length) throw new ValidationError(problems);
      assertNoDuplicatesInBatch(entity, checked, many);
      const now = new Date().toISOString();
      const base = emptyRow(entity);
      const rows: Row[] = checked.map(({ fields, system }) => ({
        ...base,
        ...encodeFields(entity, fields, this.db.dialect),
        id: system.id ?? newRecordId(),
        created_at: now,
        updated_at: now,
        created_by: actor.userId,
        owner_id: system.owner_id === undefined ? actor.userId : system.owner_id,
      }));
      const columns = Object.keys(rows[0] as Row);
      const byBindings = Math.max(1, Math.floor(MAX_BINDINGS / columns.length));
      const perStatement = this.db.dialect === 'sqlite' ? Math.min(byBindings, SQLITE_MAX_ROWS) : byBindings;
      await this.db.sql
        .transaction(async (tx) => {
          await assertLookupsExist(tx, this.store, entity, checked, many);
          for (let start = 0; start < rows.length; start += perStatement) {
            const chunk = rows.slice(start, start + perStatement);
            await tx.query(
              insertSql(entity, columns, chunk.length),
              chunk.flatMap((row) => columns.map((column) => row[column])),
            );
          }
        })
        .catch((error: unknown) => {
          throw translateWriteError(error, entity);
        });
      this.db.noteWrites(entity.name, rows.length);
      const records = rows.map((row) => decodeRow(entity, row));
      return many ? records : (records[0] as TrellisRecord);
    });
  }

  /** Changes the given fields of a record. */
  update(entityName: string, id: string, body: unknown): Promise<TrellisRecord> {
    return this.store.fresh(async () => {
      const entity = this.store.get(entityName);
      const { value, problems } = checkInput(entity, body, 'patch');
      if (problems.length) throw new ValidationError(problems);
      const changes: Row = { ...encodeFields(entity, value.fields, this.db.dialect), ...value.system };
      const columns = Object.keys(changes);
      const sql = `UPDATE ${entity.table} SET ${[...columns, 'updated_at'].map((column) => `${q(column)} = ?`).join(', ')} WHERE "id" = ? RETURNING ${entity.selectList}`;
      const bindings = [...columns.map((column) => changes[column]), new Date().toISOString(), id];
      const touchesLookups = entity.userFields.some((field) => field.type === 'lookup' && typeof value.fields[field.name] === 'string');
      // One UPDATE … RETURNING is atomic by itself; lookups are checked first, in the same transaction.
      const write = (): Promise<Row[]> =>
        touchesLookups
          ? this.db.sql.transaction(async (tx) => {
              await assertLookupsExist(tx, this.store, entity, [value], false);
              return tx.query(sql, bindings);
            })
          : this.db.sql.query(sql, bindings);
      const row =
        columns.length === 0
          ? await this.findRow(entity, id)
          : (
              await write().catch((error: unknown) => {
                throw translateWriteError(error, entity);
              })
            )[0];
      if (!row) throw new NotFoundError(`Record ${entityName}/${id}`);
      return decodeRow(entity, row);
    });
  }

  /** Deletes a record and its relations; lookups pointing to it are cleared by their foreign keys. */
  delete(entityName: string, id: string): Promise<void> {
    return this.store.fresh(async () => {
      const entity = this.store.get(entityName);
      const afterCommit = await this.db.sql.transaction(async (tx) => {
        const deleted = await tx.query(`DELETE FROM ${entity.table} WHERE "id" = ? RETURNING "id"`, [id]);
        if (deleted.length === 0) throw new NotFoundError(`Record ${entityName}/${id}`);
        return this.cascade.deleteWith(tx, entity.name, id);
      });
      afterCommit();
    });
  }

  private async findRow(entity: EntityRuntime, id: string): Promise<Row | undefined> {
    const [row] = await this.db.sql.query(`SELECT ${entity.selectList} FROM ${entity.table} WHERE "id" = ?`, [id]);
    return row;
  }

  private where(entity: EntityRuntime, options: Pick<ListOptions, 'filter' | 'q'>): SqlFragment {
    const parts: SqlFragment[] = [];
    if (options.filter !== undefined) {
      const context = { store: this.store, relationTypes: this.store.relationTypes, dialect: this.db.dialect };
      parts.push(compileFilter(options.filter, entity, ALIAS, context));
    }
    if (options.q) parts.push(this.search(entity, options.q));
    return and(parts);
  }

  /** `q`: a case-insensitive substring of any text-like field (a scan; see docs/reference/http-api.md). */
  private search(entity: EntityRuntime, text: string): SqlFragment {
    if (text.length > 200) throw ValidationError.at('q', 'must be at most 200 characters');
    const pattern = `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
    const like = this.db.dialect === 'postgres' ? 'ILIKE' : 'LIKE';
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

  /** Replaces the ids of the named lookups by the records they point to: one query per lookup. */
  private async expand(entity: EntityRuntime, records: TrellisRecord[], expand: string[] | undefined): Promise<void> {
    for (const name of expand ?? []) {
      const field = entity.fields.get(name);
      if (field?.type !== 'lookup') throw ValidationError.at('expand', `"${name}" is not a lookup field of ${entity.name}`);
      const target = this.store.get(field.options.target as string);
      const ids = [...new Set(records.map((record) => record[name]).filter((id): id is string => typeof id === 'string'))];
      if (ids.length === 0) continue;
      const rows = await this.db.sql.query(
        `SELECT ${target.selectList} FROM ${target.table} WHERE "id" IN (${placeholders(ids.length)})`,
        ids,
      );
      const byId = new Map(rows.map((row) => [row.id as string, decodeRow(target, row)]));
      for (const record of records) {
        const id = record[name];
        if (typeof id === 'string') record[name] = byId.get(id) ?? null;
      }
    }
  }
}

/** `INSERT INTO t (cols) VALUES (?, …), …` for `count` rows: one text per chunk size, so it is prepared once. */
function insertSql(entity: EntityRuntime, columns: string[], count: number): string {
  const tuple = `(${placeholders(columns.length)})`;
  return `INSERT INTO ${entity.table} (${columns.map(q).join(', ')}) VALUES ${new Array<string>(count).fill(tuple).join(', ')}`;
}
