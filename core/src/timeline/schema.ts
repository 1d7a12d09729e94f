import type { Knex } from 'knex';

/** System tables of the timeline area (a migration of core/src/db/system-schema.ts). */
export async function createTimelineTables(knex: Knex): Promise<void> {
  await Promise.resolve(knex);
}
