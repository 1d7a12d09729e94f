import type { Knex } from 'knex';

/** System tables of the jobs area (a migration of core/src/db/system-schema.ts). */
export async function createJobsTables(knex: Knex): Promise<void> {
  await Promise.resolve(knex);
}
