import type { JsonObject, RecordRef, TimelineEntry, TimelineEntryInput } from '@trellis/sdk';
import type { Ajv } from 'ajv';
import type { AccessControl } from '../access/access-control.js';
import type { Actor } from '../auth/actor.js';
import type { Database } from '../db/connect.js';
import type { Row, SqlRunner } from '../db/sql-runner.js';
import type { MetadataStore } from '../entities/metadata-store.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { actorRef } from '../events/actor-ref.js';
import { guardRecord } from '../records/record-access.js';
import { newRecordId } from '../records/record-ids.js';
import type { RecordDeleteCascade } from '../records/record-writes.js';
import { within, type RecordsTransaction } from '../records/records-transaction.js';
import { decodeTimelineCursor, encodeTimelineCursor, TimelineInput } from './timeline-input.js';
import { isJsonObject } from '../json-object.js';

/** What a list of a record's timeline may ask for. */
export interface TimelineListOptions {
  /** Entries per page, 1 to 200 (25 when not given). */
  limit?: number;
  /** The `page.next` of the previous page. */
  cursor?: string;
}

/** One page of a record's timeline, newest first. */
export interface TimelinePage {
  data: TimelineEntry[];
  page: { next: string | null };
}

const COLUMNS = [
  'id',
  'entity',
  'record_id',
  'kind',
  'title',
  'body',
  'data',
  'occurred_at',
  'created_at',
  'plugin',
  'actor_user_id',
  'actor_email',
  'actor_is_admin',
  'actor_via',
  'actor_plugin',
] as const;
const SELECT_LIST = COLUMNS.map((column) => `"${column}"`).join(', ');
const INSERT = `INSERT INTO trellis_timeline (${SELECT_LIST}) VALUES (${COLUMNS.map(() => '?').join(', ')})`;

/**
 * Every record's timeline: entries posted by users (notes, call logs) and by plugins (e-mails
 * sent, stage changes). Entries belong to their record: deleting it deletes them in the same
 * transaction.
 */
export class TimelineService implements RecordDeleteCascade {
  private readonly input: TimelineInput;

  constructor(
    private readonly db: Database,
    private readonly store: MetadataStore,
    ajv: Ajv,
    private readonly access: AccessControl,
  ) {
    this.input = new TimelineInput(ajv);
  }

  /** Adds an entry (the SDK's shape: the record inside it); 404 when the record does not exist. */
  async post(entry: TimelineEntryInput, actor: Actor, plugin: string | null, txn?: RecordsTransaction): Promise<TimelineEntry> {
    if (!isJsonObject(entry)) throw ValidationError.at('body', 'must be a JSON object');
    const { record, ...content } = entry;
    return this.add(record, content, actor, plugin, txn);
  }

  /** Adds an entry to the named record's timeline: `content` is checked, problems name the field. */
  async add(record: unknown, content: unknown, actor: Actor, plugin: string | null, txn?: RecordsTransaction): Promise<TimelineEntry> {
    const ref = this.input.record(record);
    const checked = this.input.content(content);
    const now = new Date().toISOString();
    const who = actorRef(actor);
    const entry: TimelineEntry = {
      id: newRecordId(),
      record: { entity: ref.entity, id: ref.id },
      kind: checked.kind,
      title: checked.title,
      body: checked.body ?? null,
      data: checked.data ?? {},
      // One text form for every stored time, so the keyset compares like with like on SQLite.
      occurred_at: checked.occurredAt === undefined ? now : new Date(checked.occurredAt).toISOString(),
      created_at: now,
      plugin,
      actor: who,
    };
    const bindings = [
      entry.id,
      ref.entity,
      ref.id,
      entry.kind,
      entry.title,
      entry.body,
      JSON.stringify(entry.data),
      entry.occurred_at,
      entry.created_at,
      plugin,
      who.userId,
      who.email ?? null,
      who.isAdmin,
      who.via,
      who.plugin ?? null,
    ];
    await within(this.db.sql, txn, async (tx) => {
      // PostgreSQL: the record stays locked against deletion until the entry is in.
      await this.assertRecord(tx, ref, this.db.dialect === 'postgres' ? ' FOR KEY SHARE' : '', actor);
      await tx.query(INSERT, bindings);
    });
    return entry;
  }

  /**
   * A record's entries, newest first (by when they happened), one keyset page. Given an actor
   * (a request, a plugin's route), it must be allowed to read the record; core's own readers
   * (a data-subject export) pass none.
   */
  async list(record: RecordRef, options: TimelineListOptions = {}, txn?: RecordsTransaction, actor?: Actor): Promise<TimelinePage> {
    const ref = this.input.record(record);
    const limit = this.input.limit(options.limit);
    const after = options.cursor ? decodeTimelineCursor(options.cursor) : undefined;
    const sql = txn?.runner ?? this.db.sql;
    await this.assertRecord(sql, ref, '', actor);
    const rows = await sql.query(
      `SELECT ${SELECT_LIST} FROM trellis_timeline WHERE "entity" = ? AND "record_id" = ?${
        after ? ' AND ("occurred_at" < ? OR ("occurred_at" = ? AND "id" < ?))' : ''
      } ORDER BY "occurred_at" DESC, "id" DESC LIMIT ?`,
      [ref.entity, ref.id, ...(after ? [after.occurredAt, after.occurredAt, after.id] : []), limit + 1],
    );
    const data = rows.slice(0, limit).map(entryOf);
    const last = data.at(-1);
    return { data, page: { next: rows.length > limit && last ? encodeTimelineCursor(last.occurred_at, last.id) : null } };
  }

  /** Deletes a record's entries with it, in its delete's transaction. */
  async deleteWith(tx: SqlRunner, entity: string, id: string): Promise<() => void> {
    await tx.query('DELETE FROM trellis_timeline WHERE "entity" = ? AND "record_id" = ?', [entity, id]);
    return () => undefined;
  }

  private async assertRecord(sql: SqlRunner, ref: RecordRef, lock: string, actor: Actor | undefined): Promise<void> {
    const entity = this.store.get(ref.entity);
    const grants = actor ? await this.access.grants(actor) : null;
    if (grants) await guardRecord(sql, grants, entity, ref.id, 'read');
    const found = await sql.query(`SELECT "id" FROM ${entity.table} WHERE "id" = ?${lock}`, [ref.id]);
    if (found.length === 0) throw new NotFoundError(`Record ${ref.entity}/${ref.id}`);
  }
}

function entryOf(row: Row): TimelineEntry {
  const actor: TimelineEntry['actor'] = {
    userId: row.actor_user_id as string | null,
    isAdmin: Boolean(row.actor_is_admin),
    via: row.actor_via as TimelineEntry['actor']['via'],
  };
  if (row.actor_email !== null) actor.email = row.actor_email as string;
  if (row.actor_plugin !== null) actor.plugin = row.actor_plugin as string;
  return {
    id: row.id as string,
    record: { entity: row.entity as string, id: row.record_id as string },
    kind: row.kind as string,
    title: row.title as string,
    body: row.body as string | null,
    data: JSON.parse(row.data as string) as JsonObject,
    occurred_at: row.occurred_at as string,
    created_at: row.created_at as string,
    plugin: row.plugin as string | null,
    actor,
  };
}
