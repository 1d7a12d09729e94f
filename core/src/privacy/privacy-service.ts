import type { PrivacyApi, RecordRef } from '@trellis/sdk';
import type { Actor } from '../auth/actor.js';
import type { Database } from '../db/connect.js';
import type { MetadataStore } from '../entities/metadata-store.js';
import { ConflictError, ValidationError } from '../errors.js';
import { RecordsTransaction } from '../records/records-transaction.js';
import type { TimelineService } from '../timeline/timeline-service.js';
import { isJsonObject } from '../json-object.js';
import type { ConsentService } from './consent-service.js';
import { findSubject, personalFields, type SubjectRecord } from './data-subjects.js';
import { eraseRecord, type ErasureMode, type ErasureResult, type RecordEraserDeps } from './record-eraser.js';
import { exportSubject, type SubjectExport } from './subject-export.js';
import type { SuppressionList } from './suppression-list.js';

/** What the privacy service is built on. */
export interface PrivacyServiceDeps extends RecordEraserDeps {
  db: Database;
  store: MetadataStore;
  timeline: TimelineService;
}

const MODES: readonly ErasureMode[] = ['anonymise', 'delete'];

/** The SDK's {@link PrivacyApi} plugins get as `Tokens.Privacy`: current consent and the suppression list. */
export function privacyApi(consents: ConsentService, suppressions: SuppressionList): PrivacyApi {
  return {
    consent: (subject, purpose, channel) => consents.status(subject, purpose, channel),
    isSuppressed: (value) => suppressions.isSuppressed(value),
  };
}

/**
 * Data-subject requests: the access export and erasure of one person, each in one transaction
 * together with the plugins' privacy hooks.
 */
export class PrivacyService {
  constructor(private readonly deps: PrivacyServiceDeps) {}

  /** One JSON document of everything held about the person; 404 for an unknown person. */
  export(ref: RecordRef, actor: Actor): Promise<SubjectExport> {
    return this.inTransaction((txn, subject) => exportSubject(this.deps, txn, subject, actor), ref);
  }

  /**
   * Erases the person (see {@link eraseRecord}). Without `confirm` equal to the record's id,
   * nothing changes and a 409 says what would be touched.
   */
  async erase(ref: RecordRef, body: unknown, actor: Actor): Promise<ErasureResult> {
    if (!isJsonObject(body)) throw ValidationError.at('body', 'must be a JSON object');
    const mode = body.mode as ErasureMode;
    if (!MODES.includes(mode)) throw ValidationError.at('mode', 'must be anonymise or delete');
    if (body.confirm !== undefined && typeof body.confirm !== 'string') throw ValidationError.at('confirm', 'must be the record id');
    await this.deps.suppressions.ready();
    return this.inTransaction(async (txn, subject) => {
      if (body.confirm !== ref.id) throw await this.confirmationRequired(txn, subject, mode, actor);
      return eraseRecord(this.deps, txn, { ...subject, mode, suppress: true, reason: 'request', actor });
    }, ref);
  }

  /** Runs work on the person's record, locked, in a transaction whose after-commit work runs once it commits. */
  private async inTransaction<T>(work: (txn: RecordsTransaction, subject: SubjectRecord) => Promise<T>, ref: RecordRef): Promise<T> {
    const lock = this.deps.db.dialect === 'postgres' ? ' FOR UPDATE' : '';
    let txn: RecordsTransaction | undefined;
    const result = await this.deps.db.sql.transaction(async (runner) => {
      txn = new RecordsTransaction(runner);
      return work(txn, await findSubject(runner, this.deps.store, ref, lock));
    });
    txn?.committed();
    return result;
  }

  /** The 409 of an unconfirmed erasure, listing what it would touch. */
  private async confirmationRequired(
    txn: RecordsTransaction,
    subject: SubjectRecord,
    mode: ErasureMode,
    actor: Actor,
  ): Promise<ConflictError> {
    const id = subject.row.id as string;
    const count = async (table: string, entityColumn: string, idColumn: string) => {
      const [row] = await txn.runner.query(`SELECT COUNT(*) AS n FROM ${table} WHERE "${entityColumn}" = ? AND "${idColumn}" = ?`, [
        subject.entity.name,
        id,
      ]);
      return Number(row?.n ?? 0);
    };
    const fields = personalFields(subject.entity).map((field) => field.name);
    const plugins = this.deps
      .privacyHooks(actor, txn)
      .filter((hook) => hook.privacy.erase !== undefined)
      .map((hook) => hook.plugin);
    const parts = [
      mode === 'delete' ? `deletes record ${subject.entity.name}/${id}` : `clears its personal fields ${fields.join(', ') || '(none)'}`,
      `removes ${await count('trellis_relations', 'subject_entity', 'subject_id')} relations and ${await count('trellis_timeline', 'entity', 'record_id')} timeline entries`,
      `replaces ${await count('trellis_consents', 'subject_entity', 'subject_id')} consents with an erasure tombstone`,
      `redacts ${await count('trellis_audit', 'entity', 'record_id')} audit entries`,
      `runs the privacy hooks of ${plugins.length ? plugins.join(', ') : 'no plugin'}`,
    ];
    return new ConflictError(
      'TRELLIS_CONFIRMATION_REQUIRED',
      `erasing ${subject.entity.name}/${id} (${mode}) ${parts.join('; ')}; send {"mode":"${mode}","confirm":"${id}"} to proceed`,
    );
  }
}
