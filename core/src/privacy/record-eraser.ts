import type { RecordRef, RecordsApi } from '@trellis/sdk';
import type { Actor } from '../auth/actor.js';
import type { Row } from '../db/sql-runner.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { EntityRuntime } from '../entities/entity-runtime.js';
import { fieldType } from '../entities/field-types/index.js';
import { q } from '../entities/identifiers.js';
import type { PluginPrivacyHook } from '../plugins/index.js';
import type { RecordDeleteCascade } from '../records/record-writes.js';
import type { RecordsTransaction } from '../records/records-transaction.js';
import { redactAuditEntriesAbout } from './audit-entries.js';
import type { ConsentService } from './consent-service.js';
import { personalFields } from './data-subjects.js';
import type { SuppressionList } from './suppression-list.js';

/** How a person's data goes: their record kept with personal fields cleared, or deleted. */
export type ErasureMode = 'anonymise' | 'delete';

/** What a required personal text field holds after anonymisation (other personal fields become null). */
export const ERASED_PLACEHOLDER = 'erased';

/** What one erasure did. */
export interface ErasureResult {
  mode: ErasureMode;
  fields: string[];
  auditEntriesRedacted: number;
  suppressed: number;
  plugins: string[];
}

/** What erasing a record is built on. */
export interface RecordEraserDeps {
  /** Relations and timeline entries of a record, as its deletion removes them. */
  cascade: RecordDeleteCascade;
  consents: ConsentService;
  suppressions: SuppressionList;
  /** The audit log, when registered. */
  audit: AuditLog | undefined;
  /** Enabled plugins' privacy hooks, inside the erasure's transaction. */
  privacyHooks(actor: Actor, txn: RecordsTransaction): PluginPrivacyHook[];
}

/** How one record is to be erased, and why. */
export interface ErasureOrder {
  entity: EntityRuntime;
  row: Row;
  mode: ErasureMode;
  /** Add the person's e-mail addresses and phone numbers to the suppression list (a data subject's request, not retention). */
  suppress: boolean;
  /** `request` or `retention`, kept in the audit entry. */
  reason: string;
  actor: Actor;
}

/** The contact values of a row's personal e-mail and phone fields (phones in their E.164 column when parsed). */
function contactValues(entity: EntityRuntime, row: Row): string[] {
  return personalFields(entity).flatMap((field) => {
    const module = fieldType(field.type);
    const base = module.base ?? module.type;
    const value = base === 'phone' ? (row[`${field.name}_e164`] ?? row[field.name]) : row[field.name];
    return (base === 'email' || base === 'phone') && typeof value === 'string' ? [value] : [];
  });
}

/** The records API with every record a hook updates or deletes noted in `touched` (their audit entries are redacted too). */
function tracking(records: RecordsApi, touched: RecordRef[]): RecordsApi {
  return {
    ...records,
    update: (entity, id, changes) => {
      touched.push({ entity, id });
      return records.update(entity, id, changes);
    },
    delete: (entity, id) => {
      touched.push({ entity, id });
      return records.delete(entity, id);
    },
  };
}

/**
 * Erases one record inside `txn`: plugins' erase hooks first (they may still read the record),
 * then the record anonymised (personal fields null; required text fields {@link ERASED_PLACEHOLDER})
 * or deleted, its relations and timeline removed, its consents replaced by a tombstone, the
 * audit entries about it (and about the records the hooks changed through `ctx.records`) redacted, suppression hashes added and `privacy.erased` audited.
 * No record hooks or record events run: the values must not reach webhooks or subscribers.
 */
export async function eraseRecord(deps: RecordEraserDeps, txn: RecordsTransaction, order: ErasureOrder): Promise<ErasureResult> {
  const { entity, row, mode, actor } = order;
  const tx = txn.runner;
  const ref: RecordRef = { entity: entity.name, id: row.id as string };
  const plugins: string[] = [];
  const touched: RecordRef[] = [ref];
  for (const hook of deps.privacyHooks(actor, txn)) {
    if (!hook.privacy.erase) continue;
    await hook.privacy.erase(ref, { ...hook.context, records: tracking(hook.context.records, touched) });
    plugins.push(hook.plugin);
  }
  const fields = personalFields(entity);
  if (mode === 'delete') await tx.query(`DELETE FROM ${entity.table} WHERE "id" = ?`, [ref.id]);
  else {
    const sets: Array<{ column: string; value: string | null }> = fields.flatMap((field) =>
      fieldType(field.type)
        .columns(field)
        .map((column) => ({
          column: column.name,
          value: field.required && ['text', 'long_text'].includes(field.type) ? ERASED_PLACEHOLDER : null,
        })),
    );
    sets.push({ column: 'updated_at', value: new Date().toISOString() });
    await tx.query(`UPDATE ${entity.table} SET ${sets.map((set) => `${q(set.column)} = ?`).join(', ')} WHERE "id" = ?`, [
      ...sets.map((set) => set.value),
      ref.id,
    ]);
  }
  txn.afterCommit(await deps.cascade.deleteWith(tx, ref.entity, ref.id));
  await deps.consents.eraseFor(tx, ref, actor);
  let auditEntriesRedacted = 0;
  for (const record of touched) auditEntriesRedacted += await redactAuditEntriesAbout(tx, record);
  const suppressed = order.suppress ? await deps.suppressions.add(tx, contactValues(entity, row)) : 0;
  const result: ErasureResult = { mode, fields: fields.map((field) => field.name), auditEntriesRedacted, suppressed, plugins };
  await deps.audit?.record(
    { action: 'privacy.erased', actor, entity: ref.entity, recordId: ref.id, details: { ...result, reason: order.reason } },
    tx,
  );
  return result;
}
