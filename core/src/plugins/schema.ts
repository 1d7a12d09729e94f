import type { Knex } from 'knex';

/** System tables of the plugins area (a migration of core/src/db/system-schema.ts). */
export async function createPluginsTables(knex: Knex): Promise<void> {
  await Promise.resolve(knex);
}
