import type { DomainEvents } from '../events/domain-events.js';
import type { Logger } from '../logger.js';
import type { RecordHooksRegistry } from '../records/record-hooks.js';
import { auditRecordWrites } from './record-audit.js';
import { auditRelations } from './relation-audit.js';
import type { SqlAuditLog } from './sql-audit-log.js';

export type { AuditChange, AuditEntryInput, AuditLog } from './audit-log.js';
export { withAuditContext, currentRequest, actingNow, SYSTEM_ACTOR } from './audit-context.js';
export { AuditQuery, type AuditEntry, type AuditFilters, type AuditPage } from './audit-query.js';
export { metadataRecorder, type MetadataFact, type MetadataRecorder } from './metadata-audit.js';
export { pluginStepRecorder, type PluginStep, type PluginStepRecorder } from './plugin-audit.js';
export { REDACTED, SqlAuditLog } from './sql-audit-log.js';

/**
 * Starts recording record writes (inside their transactions) and relation changes (after
 * commit); returns the function that stops. Call it before plugins load, so the audit hooks
 * run first and see every write.
 */
export function auditWrites(audit: SqlAuditLog, hooks: RecordHooksRegistry, events: DomainEvents, logger: Logger): () => void {
  const stops = [auditRecordWrites(hooks, audit, logger), auditRelations(events, audit)];
  return () => stops.forEach((stop) => stop());
}
