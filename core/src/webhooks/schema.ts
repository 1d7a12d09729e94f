import type { Knex } from 'knex';

/** System tables of the webhooks area (a migration of core/src/db/system-schema.ts). */
export async function createWebhooksTables(knex: Knex): Promise<void> {
  await Promise.resolve(knex);
}
