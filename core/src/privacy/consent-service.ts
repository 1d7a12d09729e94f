import type { Consent, ConsentStatus, JsonObject, RecordRef } from '@trellis/sdk';
import type { Actor } from '../auth/actor.js';
import type { Database } from '../db/connect.js';
import type { Row, SqlRunner } from '../db/sql-runner.js';
import type { MetadataStore } from '../entities/metadata-store.js';
import { ValidationError } from '../errors.js';
import { newRecordId } from '../records/record-ids.js';
import type { RecordDeleteCascade } from '../records/record-writes.js';
import { decodeTimelineCursor, encodeTimelineCursor } from '../timeline/timeline-input.js';
import { checkConsentInput } from './consent-input.js';
import { findSubject, findSubjectAt } from './data-subjects.js';

/** The most consents one page of the history may hold. */
export const MAX_CONSENT_PAGE = 200;
const DEFAULT_CONSENT_PAGE = 50;

/** Filters and paging of the consent history. */
export interface ConsentQuery {
  entity?: string;
  id?: string;
  purpose?: string;
  status?: string;
  limit?: number;
  cursor?: string;
}

const COLUMNS = [
  'id',
  'subject_entity',
  'subject_id',
  'purpose',
  'channel',
  'status',
  'source',
  'proof',
  'recorded_at',
  'created_at',
  'created_by',
];
const SELECT_LIST = COLUMNS.map((column) => `"${column}"`).join(', ');
const INSERT = `INSERT INTO trellis_consents (${SELECT_LIST}) VALUES (${COLUMNS.map(() => '?').join(', ')})`;

/** The purpose of the tombstone an erasure leaves in place of a person's consents. */
export const ERASURE_PURPOSE = 'erasure';

/**
 * Consents of data subjects: an append-only history per person, purpose and channel, the
 * latest (by `recorded_at`) being the current status. A person's consents go with their record.
 */
export class ConsentService implements RecordDeleteCascade {
  constructor(
    private readonly db: Database,
    private readonly store: MetadataStore,
  ) {}

  /** Records a consent given or withdrawn; a 400 naming the field for bad input or an unknown subject. */
  async record(body: unknown, actor: Actor): Promise<Consent> {
    const input = checkConsentInput(body);
    const id = newRecordId();
    await this.db.sql.transaction(async (tx) => {
      await findSubjectAt(tx, this.store, input.subject, 'subject');
      await tx.query(INSERT, [
        id,
        input.subject.entity,
        input.subject.id,
        input.purpose,
        input.channel,
        input.status,
        input.source,
        JSON.stringify(input.proof),
        input.recordedAt,
        new Date().toISOString(),
        actor.userId,
      ]);
    });
    const { subject, purpose, channel, status, source, proof, recordedAt } = input;
    return { id, subject, purpose, channel, status, source, proof, recorded_at: recordedAt };
  }

  /** The history, newest first, one keyset page. */
  async history(query: ConsentQuery): Promise<{ data: Consent[]; page: { next: string | null } }> {
    const limit = query.limit ?? DEFAULT_CONSENT_PAGE;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_CONSENT_PAGE) {
      throw ValidationError.at('limit', `must be a whole number from 1 to ${MAX_CONSENT_PAGE}`);
    }
    if (query.id !== undefined && query.entity === undefined) throw ValidationError.at('entity', 'is required with id');
    const conditions: string[] = [];
    const bindings: unknown[] = [];
    const equal = (column: string, value: string | undefined) => {
      if (value === undefined) return;
      conditions.push(`"${column}" = ?`);
      bindings.push(value);
    };
    equal('subject_entity', query.entity);
    equal('subject_id', query.id);
    equal('purpose', query.purpose);
    equal('status', query.status);
    if (query.cursor) {
      const after = decodeTimelineCursor(query.cursor);
      conditions.push('("recorded_at" < ? OR ("recorded_at" = ? AND "id" < ?))');
      bindings.push(after.occurredAt, after.occurredAt, after.id);
    }
    const where = conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '';
    const rows = await this.db.sql.query(
      `SELECT ${SELECT_LIST} FROM trellis_consents${where} ORDER BY "recorded_at" DESC, "id" DESC LIMIT ?`,
      [...bindings, limit + 1],
    );
    const data = rows.slice(0, limit).map(consentOf);
    const last = data.at(-1);
    return { data, page: { next: rows.length > limit && last ? encodeTimelineCursor(last.recorded_at, last.id) : null } };
  }

  /** A person's current consents: the latest per purpose and channel; 404 for an unknown person. */
  async current(subject: RecordRef): Promise<Consent[]> {
    await findSubject(this.db.sql, this.store, subject);
    return latestPerPurpose(await this.of(this.db.sql, subject));
  }

  /** Every consent of a person, newest first (the export; inside its transaction when given). */
  async of(sql: SqlRunner, subject: RecordRef): Promise<Consent[]> {
    const rows = await sql.query(
      `SELECT ${SELECT_LIST} FROM trellis_consents WHERE "subject_entity" = ? AND "subject_id" = ? ORDER BY "recorded_at" DESC, "id" DESC`,
      [subject.entity, subject.id],
    );
    return rows.map(consentOf);
  }

  /** The current status for a purpose; a channel also matches consents given for `any` channel. */
  async status(subject: RecordRef, purpose: string, channel?: string): Promise<ConsentStatus | null> {
    const anyChannel = channel === undefined || channel === 'any';
    const [row] = await this.db.sql.query(
      `SELECT "status" FROM trellis_consents WHERE "subject_entity" = ? AND "subject_id" = ? AND "purpose" = ?${
        anyChannel ? '' : ` AND "channel" IN (?, 'any')`
      } ORDER BY "recorded_at" DESC, "id" DESC LIMIT 1`,
      [subject.entity, subject.id, purpose, ...(anyChannel ? [] : [channel])],
    );
    return (row?.status as ConsentStatus | undefined) ?? null;
  }

  /** Replaces a person's consents with one tombstone saying they were erased (inside the erasure). */
  async eraseFor(tx: SqlRunner, subject: RecordRef, actor: Actor): Promise<void> {
    await this.deleteWith(tx, subject.entity, subject.id);
    const now = new Date().toISOString();
    await tx.query(INSERT, [
      newRecordId(),
      subject.entity,
      subject.id,
      ERASURE_PURPOSE,
      'any',
      'withdrawn',
      'erasure',
      '{}',
      now,
      now,
      actor.userId,
    ]);
  }

  /** Deletes a record's consents with it, in its delete's transaction. */
  async deleteWith(tx: SqlRunner, entity: string, id: string): Promise<() => void> {
    await tx.query('DELETE FROM trellis_consents WHERE "subject_entity" = ? AND "subject_id" = ?', [entity, id]);
    return () => undefined;
  }
}

/** The first consent per purpose and channel of a newest-first list. */
function latestPerPurpose(consents: Consent[]): Consent[] {
  const seen = new Set<string>();
  return consents.filter((consent) => {
    const key = `${consent.purpose}\0${consent.channel}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function consentOf(row: Row): Consent {
  return {
    id: row.id as string,
    subject: { entity: row.subject_entity as string, id: row.subject_id as string },
    purpose: row.purpose as string,
    channel: row.channel as string,
    status: row.status as ConsentStatus,
    source: row.source as string,
    proof: JSON.parse(row.proof as string) as JsonObject,
    recorded_at: row.recorded_at as string,
  };
}
