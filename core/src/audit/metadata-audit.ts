import type { JsonObject } from '@trellis/sdk';
import type { Knex } from 'knex';
import { actingNow } from './audit-context.js';
import type { SqlAuditLog } from './sql-audit-log.js';

/** A metadata change as the audit log keeps it: `metadata.<what>`, the entity, and what else identifies it. */
export interface MetadataFact {
  action: string;
  entity?: string;
  details?: JsonObject;
}

/** Records a metadata change inside its transaction. */
export type MetadataRecorder = (trx: Knex.Transaction, fact: MetadataFact) => Promise<void>;

/** The recorder the metadata services call: the actor is the request's, else core itself. */
export function metadataRecorder(audit: SqlAuditLog): MetadataRecorder {
  return (trx, fact) =>
    audit.recordIn(trx, { action: fact.action, actor: actingNow(), entity: fact.entity ?? null, details: fact.details ?? {} });
}
