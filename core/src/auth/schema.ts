import type { Knex } from 'knex';

/** System tables of API tokens, login attempts, password resets and reset requests (a migration of core/src/db/system-schema.ts). */
export async function createAuthSecurityTables(knex: Knex): Promise<void> {
  // Personal API tokens: only the SHA-256 of the secret is kept, like sessions.
  await knex.schema.createTable('trellis_api_tokens', (t) => {
    t.text('id').primary();
    t.text('user_id').notNullable().references('id').inTable('trellis_users').onDelete('CASCADE');
    t.text('name').notNullable();
    t.text('scope').notNullable();
    t.text('token_hash').notNullable().unique();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('last_used_at', { useTz: true });
    t.timestamp('revoked_at', { useTz: true });
    t.index(['user_id', 'id'], 'ix_trellis_api_tokens__user');
  });
  // Every login attempt, kept long enough to throttle by account and by client address across
  // processes. `locked_until` is set on the failure that locked the account.
  await knex.schema.createTable('trellis_login_attempts', (t) => {
    t.text('id').primary();
    t.text('email').notNullable();
    t.text('ip').notNullable();
    t.boolean('succeeded').notNullable();
    t.timestamp('locked_until', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.index(['email', 'created_at'], 'ix_trellis_login_attempts__email');
    t.index(['ip', 'created_at'], 'ix_trellis_login_attempts__ip');
    t.index(['created_at'], 'ix_trellis_login_attempts__age');
  });
  await knex.schema.createTable('trellis_password_resets', (t) => {
    t.text('id').primary();
    t.text('user_id').notNullable().references('id').inTable('trellis_users').onDelete('CASCADE');
    t.text('token_hash').notNullable().unique();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('used_at', { useTz: true });
    t.index(['user_id'], 'ix_trellis_password_resets__user');
  });
  // Every accepted reset request, kept an hour to limit requests per client address and mails
  // per account across processes. `mailed` is whether a reset link went out.
  await knex.schema.createTable('trellis_password_reset_requests', (t) => {
    t.text('id').primary();
    t.text('email').notNullable();
    t.text('ip').notNullable();
    t.boolean('mailed').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.index(['email', 'created_at'], 'ix_trellis_password_reset_requests__email');
    t.index(['ip', 'created_at'], 'ix_trellis_password_reset_requests__ip');
    t.index(['created_at'], 'ix_trellis_password_reset_requests__age');
  });
}
