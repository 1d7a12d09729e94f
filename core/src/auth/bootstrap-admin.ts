import { randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { TrellisConfig } from '../config.js';
import type { Database } from '../db/connect.js';
import { UserRow } from '../db/models.js';
import type { Actor } from './actor.js';
import { hashPassword } from './passwords.js';

/** What happened at start-up: nothing (users exist) or the first admin's credentials. */
export type BootstrapResult = { created: false } | { created: true; email: string; generatedPassword: string | null };

/**
 * Creates the first administrator when there is no user at all. The password comes from
 * TRELLIS_ADMIN_PASSWORD or is generated, and then returned so the CLI prints it once.
 */
export async function ensureFirstAdmin(db: Database, config: TrellisConfig): Promise<BootstrapResult> {
  const existing = await UserRow.query(db.knex).resultSize();
  if (existing > 0) return { created: false };
  const generatedPassword = config.adminPassword ? null : randomBytes(15).toString('base64url');
  const password = config.adminPassword ?? (generatedPassword as string);
  const now = new Date().toISOString();
  const email = config.adminEmail.trim().toLowerCase();
  await UserRow.query(db.knex).insert({
    id: uuidv7(),
    email,
    name: 'Administrator',
    password_hash: await hashPassword(password),
    is_admin: true,
    active: true,
    created_at: now,
    updated_at: now,
  });
  return { created: true, email, generatedPassword };
}

/** The oldest active administrator, acting for start-up tasks such as seeding demo data. */
export async function firstAdminActor(db: Database): Promise<Actor> {
  const admin = await UserRow.query(db.knex).where({ is_admin: true, active: true }).orderBy('created_at').first();
  if (!admin) throw new Error('No active administrator exists');
  return { userId: admin.id, email: admin.email, name: admin.name, isAdmin: true, via: 'system' };
}
