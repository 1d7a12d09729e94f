import type { Knex } from 'knex';
import { SYSTEM_ROLES } from './system-roles.js';

/**
 * System tables of roles, teams and their links to users (a migration of core/src/db/system-schema.ts),
 * seeded with the system roles. A role's `permissions` is JSON text `{ [entity | "*"]: EntityPermissions }`;
 * the `"*"` entry applies to entities the role does not name.
 */
export async function createAccessTables(knex: Knex): Promise<void> {
  await knex.schema.createTable('trellis_teams', (t) => {
    t.text('id').primary();
    t.text('name').notNullable().unique();
    t.timestamp('created_at', { useTz: true }).notNullable();
  });
  await knex.schema.createTable('trellis_user_teams', (t) => {
    t.text('user_id').notNullable().references('id').inTable('trellis_users').onDelete('CASCADE');
    t.text('team_id').notNullable().references('id').inTable('trellis_teams').onDelete('CASCADE');
    t.primary(['user_id', 'team_id']);
    // "Who is in this team" is the inner lookup of every team-scope condition.
    t.index(['team_id', 'user_id'], 'ix_trellis_user_teams__team');
  });
  await knex.schema.createTable('trellis_roles', (t) => {
    t.text('name').primary();
    t.text('label').notNullable();
    t.text('description').notNullable().defaultTo('');
    t.text('permissions').notNullable().defaultTo('{}');
    t.boolean('system').notNullable().defaultTo(false);
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
  });
  await knex.schema.createTable('trellis_user_roles', (t) => {
    t.text('user_id').notNullable().references('id').inTable('trellis_users').onDelete('CASCADE');
    t.text('role').notNullable().references('name').inTable('trellis_roles').onDelete('CASCADE');
    t.primary(['user_id', 'role']);
  });
  const now = new Date().toISOString();
  await knex('trellis_roles').insert(
    SYSTEM_ROLES.map((role) => ({
      name: role.name,
      label: role.label,
      description: role.description,
      permissions: JSON.stringify(role.permissions),
      system: true,
      created_at: now,
      updated_at: now,
    })),
  );
}
