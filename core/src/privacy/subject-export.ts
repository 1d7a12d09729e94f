import type { Consent, JsonObject, RecordRef, TimelineEntry, TrellisRecord } from '@trellis/sdk';
import type { Actor } from '../auth/actor.js';
import type { SqlRunner } from '../db/sql-runner.js';
import type { EntityRuntime } from '../entities/entity-runtime.js';
import type { MetadataStore } from '../entities/metadata-store.js';
import { decodeRow } from '../records/codec.js';
import type { RecordsTransaction } from '../records/records-transaction.js';
import type { TimelineService } from '../timeline/timeline-service.js';
import { auditEntriesAbout, type SubjectAuditEntry } from './audit-entries.js';
import type { ConsentService } from './consent-service.js';
import { holdsPersonalData, type SubjectRecord } from './data-subjects.js';
import type { RecordEraserDeps } from './record-eraser.js';

/** A record linked to the person, and how: `lookup:<field>` (the person points to it), `lookup:<entity>.<field>` (it points to the person) or `relation:<type>`. */
export interface LinkedRecord {
  entity: string;
  via: string;
  record: TrellisRecord;
}

/** The data-subject access export: everything Trellis holds about one person. */
export interface SubjectExport {
  exported_at: string;
  subject: RecordRef;
  record: TrellisRecord;
  linked: LinkedRecord[];
  consents: Consent[];
  timeline: TimelineEntry[];
  audit: SubjectAuditEntry[];
  /** What each plugin with a privacy export hook holds, by plugin name. */
  plugins: Record<string, JsonObject>;
}

/** What the export reads through. */
export interface SubjectExportDeps {
  store: MetadataStore;
  timeline: TimelineService;
  consents: ConsentService;
  privacyHooks: RecordEraserDeps['privacyHooks'];
}

const TIMELINE_PAGE = 200;

async function recordOf(sql: SqlRunner, entity: EntityRuntime, where: string, value: string): Promise<TrellisRecord[]> {
  const rows = await sql.query(`SELECT ${entity.selectList} FROM ${entity.table} WHERE ${where} = ? ORDER BY "id"`, [value]);
  return rows.map((row) => decodeRow(entity, row));
}

/** Records linked to the person by lookups (both directions) and relations, when they hold personal data. */
async function linkedRecords(sql: SqlRunner, store: MetadataStore, subject: SubjectRecord): Promise<LinkedRecord[]> {
  const id = subject.row.id as string;
  const linked: LinkedRecord[] = [];
  for (const field of subject.entity.userFields) {
    const target = field.type === 'lookup' ? store.find(field.options.target ?? '') : undefined;
    const value = subject.row[field.name];
    if (!target || !holdsPersonalData(target) || typeof value !== 'string') continue;
    for (const record of await recordOf(sql, target, '"id"', value))
      linked.push({ entity: target.name, via: `lookup:${field.name}`, record });
  }
  for (const entity of store.list()) {
    if (!holdsPersonalData(entity)) continue;
    for (const field of entity.userFields) {
      if (field.type !== 'lookup' || field.options.target !== subject.entity.name) continue;
      for (const record of await recordOf(sql, entity, `"${field.name}"`, id)) {
        linked.push({ entity: entity.name, via: `lookup:${entity.name}.${field.name}`, record });
      }
    }
  }
  const relations = await sql.query(
    'SELECT "type", "object_entity", "object_id" FROM trellis_relations WHERE "subject_entity" = ? AND "subject_id" = ? ORDER BY "type", "object_id"',
    [subject.entity.name, id],
  );
  for (const relation of relations) {
    const entity = store.find(relation.object_entity as string);
    if (!entity || !holdsPersonalData(entity)) continue;
    for (const record of await recordOf(sql, entity, '"id"', relation.object_id as string)) {
      linked.push({ entity: entity.name, via: `relation:${relation.type as string}`, record });
    }
  }
  return linked;
}

async function timelineOf(deps: SubjectExportDeps, ref: RecordRef, txn: RecordsTransaction): Promise<TimelineEntry[]> {
  const entries: TimelineEntry[] = [];
  let cursor: string | null = null;
  do {
    const page = await deps.timeline.list(ref, { limit: TIMELINE_PAGE, ...(cursor ? { cursor } : {}) }, txn);
    entries.push(...page.data);
    cursor = page.page.next;
  } while (cursor);
  return entries;
}

/** Builds the export of a person found inside `txn`; plugins' export hooks join the same transaction. */
export async function exportSubject(
  deps: SubjectExportDeps,
  txn: RecordsTransaction,
  subject: SubjectRecord,
  actor: Actor,
): Promise<SubjectExport> {
  const sql = txn.runner;
  const ref: RecordRef = { entity: subject.entity.name, id: subject.row.id as string };
  const plugins: Record<string, JsonObject> = {};
  for (const hook of deps.privacyHooks(actor, txn))
    if (hook.privacy.export) plugins[hook.plugin] = await hook.privacy.export(ref, hook.context);
  return {
    exported_at: new Date().toISOString(),
    subject: ref,
    record: decodeRow(subject.entity, subject.row),
    linked: await linkedRecords(sql, deps.store, subject),
    consents: await deps.consents.of(sql, ref),
    timeline: await timelineOf(deps, ref, txn),
    audit: await auditEntriesAbout(sql, ref),
    plugins,
  };
}
