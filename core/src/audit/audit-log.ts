import type { ActorRef, JsonObject } from '@trellis/sdk';
import type { SqlRunner } from '../db/sql-runner.js';

/** A before/after pair of one changed field; sensitive values arrive already redacted. */
export interface AuditChange {
  before: unknown;
  after: unknown;
}

/**
 * One fact for the audit log. `action` is `record.created|updated|deleted`,
 * `relation.added|removed`, `metadata.<what>`, `plugin.<step>`, `auth.login`,
 * `auth.login_failed`, `permission.<what>`, `privacy.<what>`.
 */
export interface AuditEntryInput {
  action: string;
  actor: ActorRef;
  entity?: string | null;
  recordId?: string | null;
  /** Changed fields with their values before and after. */
  changes?: Record<string, AuditChange> | null;
  /** Anything else worth keeping (the relation, the plugin version, the e-mail of a failed login). */
  details?: JsonObject;
}

/** Where every traceable change is written; append-only. */
export interface AuditLog {
  /** Appends an entry; inside `runner`'s transaction when given, so it commits or rolls back with the change. */
  record(entry: AuditEntryInput, runner?: SqlRunner): Promise<void>;
}
