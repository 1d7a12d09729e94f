import type { JsonObject, RecordHookContext, RecordHooks, ServiceToken, Services, TrellisRecord } from '@trellis/sdk';
import { TrellisError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { RecordHookScope, RecordHooksRegistry } from '../records/record-hooks.js';
import type { AuditChange } from './audit-log.js';
import type { SqlAuditLog } from './sql-audit-log.js';

/** The name the audit trail's hooks are registered under (it shows in a hook failure). */
export const AUDIT_HOOKS = 'core-audit';

/** System fields that move on every write or never change; the log keeps only what a user changed. */
const UNTRACKED = new Set(['id', 'created_at', 'updated_at', 'created_by']);

/**
 * What the audit trail's hooks get as their "services": the write itself (actor and
 * transaction), which a plugin's hook context does not expose. It offers no services.
 */
class WriteScope implements Services {
  constructor(readonly scope: RecordHookScope) {}

  get<T>(token: ServiceToken<T>): T {
    throw new TrellisError(500, 'TRELLIS_INTERNAL', 'Internal error', `The audit trail offers no service ${String(token)}`);
  }
}

function scopeOf(ctx: RecordHookContext): RecordHookScope {
  if (!(ctx.services instanceof WriteScope))
    throw new TrellisError(500, 'TRELLIS_INTERNAL', 'Internal error', 'Audit hook without its write');
  return ctx.services.scope;
}

/** A record's tracked fields as changes from nothing (`after`) or to nothing (`before`). */
function allFields(record: TrellisRecord, side: 'before' | 'after'): Record<string, AuditChange> {
  const changes: Record<string, AuditChange> = {};
  for (const [name, value] of Object.entries(record)) {
    if (!UNTRACKED.has(name)) changes[name] = side === 'after' ? { before: undefined, after: value } : { before: value, after: undefined };
  }
  return changes;
}

/**
 * Records every record create, update and delete in the audit log, inside the write's
 * transaction (a hook for every entity), so a committed change always has its entry and a
 * rolled-back one never does. Updates that change nothing are not recorded.
 */
export function auditRecordWrites(registry: RecordHooksRegistry, audit: SqlAuditLog, logger: Logger): () => void {
  const write = (
    ctx: RecordHookContext,
    action: string,
    record: TrellisRecord,
    changes: Record<string, AuditChange>,
    details?: JsonObject,
  ) => {
    const { actor, transaction } = scopeOf(ctx);
    return audit.record({ action, actor, entity: ctx.entity, recordId: record.id, changes, details }, transaction.runner);
  };
  const hooks: RecordHooks = {
    entity: '*',
    afterCreate: (record, ctx) => write(ctx, 'record.created', record, allFields(record, 'after')),
    async afterUpdate(record, ctx) {
      if (ctx.changed.length === 0) return;
      const changes = Object.fromEntries(ctx.changed.map((name) => [name, { before: ctx.before[name], after: record[name] }]));
      await write(ctx, 'record.updated', record, changes);
    },
    afterDelete: (record, ctx) => write(ctx, 'record.deleted', record, allFields(record, 'before')),
  };
  return registry.add(AUDIT_HOOKS, [hooks], {
    services: (scope) => new WriteScope(scope),
    onFailure: (error) => logger.error('could not write the audit entry of a record change', { error }),
  });
}
