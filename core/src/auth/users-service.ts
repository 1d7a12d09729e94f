import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { v7 as uuidv7 } from 'uuid';
import type { Database } from '../db/connect.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { isUniqueViolation } from '../relations/relation-sql.js';
import type { ApiTokenService } from './api-tokens.js';
import type { PasswordResetService } from './password-resets.js';
import { assertPasswordPolicy, hashPassword, verifyPassword } from './passwords.js';
import type { SessionService } from './sessions.js';
import { readUserInput, type UserInput } from './user-input.js';
import { readUserLinks, writeUserLinks } from './user-links.js';

/** A user as the Users API shows it (never the password hash). */
export interface UserView {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  active: boolean;
  /** Team ids. */
  teams: string[];
  /** Role names. */
  roles: string[];
  createdAt: string;
  updatedAt: string;
}

/** Options of {@link UsersService.list}. */
export interface UserListOptions {
  limit: number;
  /** The `page.next` of the previous page. */
  cursor?: string;
  active?: boolean;
  /** A piece of the e-mail or the name, in any case. */
  q?: string;
}

interface UserDbRow {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  is_admin: boolean | number;
  active: boolean | number;
  created_at: string;
  updated_at: string;
}

const emailTaken = (email: string) =>
  new ConflictError('TRELLIS_EMAIL_TAKEN', `A user with the e-mail ${email} already exists`, [
    { path: 'email', message: 'is already taken' },
  ]);

function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[0-9a-f-]{36}$/.test(id)) throw ValidationError.at('cursor', 'is not a cursor this server issued');
  return id;
}

/**
 * Users: created, changed and deactivated by administrators, with their teams and roles.
 * Deactivating (or demoting) the last active administrator is refused, and deactivating a user
 * ends their sessions and revokes their API tokens in the same transaction.
 */
export class UsersService {
  constructor(
    private readonly db: Database,
    private readonly sessions: SessionService,
    private readonly tokens: ApiTokenService,
    private readonly resets: PasswordResetService,
    /** Whether a mailer is configured, so a user created without a password can be invited by mail. */
    private readonly canMail: boolean,
    /** Told after a user's admin flag, activity, teams or roles may have changed (drops cached permissions). */
    private readonly onUserChanged: (userId: string) => void = () => undefined,
  ) {}

  /** One page of users in creation order. */
  async list(options: UserListOptions): Promise<{ data: UserView[]; page: { next: string | null } }> {
    const query = this.db
      .knex<UserDbRow>('trellis_users')
      .orderBy('id')
      .limit(options.limit + 1);
    if (options.cursor) query.where('id', '>', decodeCursor(options.cursor));
    if (options.active !== undefined) query.where('active', options.active);
    if (options.q) {
      const pattern = `%${options.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query.where((q) => q.whereRaw("lower(email) like ? escape '\\'", [pattern]).orWhereRaw("lower(name) like ? escape '\\'", [pattern]));
    }
    const rows = await query;
    const page = rows.slice(0, options.limit);
    const last = page[page.length - 1];
    return {
      data: await this.views(this.db.knex, page),
      page: { next: rows.length > options.limit && last ? Buffer.from(last.id).toString('base64url') : null },
    };
  }

  /** One user; a 404 when there is none. */
  /**
   * The names of the users among `ids` (unknown ids are left out): what any signed-in user may
   * know of a colleague, to show who owns a record. A user without a name shows as their e-mail.
   */
  async names(ids: readonly string[]): Promise<Array<{ id: string; name: string }>> {
    if (!ids.length) return [];
    const rows = await this.db
      .knex<UserDbRow>('trellis_users')
      .whereIn('id', [...ids])
      .select('id', 'name', 'email')
      .orderBy('id');
    return rows.map((row) => ({ id: row.id, name: row.name || row.email }));
  }

  async get(id: string, runner: Knex = this.db.knex): Promise<UserView> {
    const [view] = await this.views(runner, [await this.row(runner, id)]);
    return view as UserView;
  }

  /** Creates a user; without a password they are mailed an invitation link (which needs a mailer). */
  async create(body: unknown): Promise<UserView> {
    const input = readUserInput(body, ['email', 'name']);
    if (input.password === undefined && !this.canMail)
      throw ValidationError.at('password', 'is required: no mailer is configured (TRELLIS_SMTP_URL) to send an invitation');
    const passwordHash = await hashPassword(input.password ?? randomBytes(32).toString('base64url'));
    const now = new Date().toISOString();
    const id = uuidv7();
    return this.inTransaction(async (trx) => {
      await this.assertEmailFree(trx, input.email as string);
      await trx('trellis_users').insert({
        id,
        email: input.email,
        name: input.name,
        password_hash: passwordHash,
        is_admin: input.isAdmin ?? false,
        active: input.active ?? true,
        created_at: now,
        updated_at: now,
      });
      await writeUserLinks(trx, id, input);
      if (input.password === undefined)
        await this.resets.issue({ id, email: input.email as string, name: input.name as string }, 'invite', trx);
      return this.get(id, trx);
    });
  }

  /**
   * Changes a user. Deactivating ends their sessions and revokes their tokens; a new password
   * ends their sessions; `teams`/`roles` replace the current lists.
   */
  async update(id: string, body: unknown): Promise<UserView> {
    const input = readUserInput(body, []);
    const passwordHash = input.password === undefined ? undefined : await hashPassword(input.password);
    const view = await this.inTransaction(async (trx) => {
      const user = await this.row(trx, id);
      if (input.email !== undefined && input.email !== user.email) await this.assertEmailFree(trx, input.email);
      const wasAdmin = Boolean(user.is_admin) && Boolean(user.active);
      if (wasAdmin && (input.isAdmin === false || input.active === false)) await this.assertOtherAdmin(trx, id);
      await trx('trellis_users')
        .where({ id })
        .update({
          ...(input.email !== undefined ? { email: input.email } : {}),
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.isAdmin !== undefined ? { is_admin: input.isAdmin } : {}),
          ...(input.active !== undefined ? { active: input.active } : {}),
          ...(passwordHash ? { password_hash: passwordHash } : {}),
          updated_at: new Date().toISOString(),
        });
      await writeUserLinks(trx, id, input);
      if (input.active === false || passwordHash) await this.sessions.revokeAll(id, trx);
      if (input.active === false) await this.tokens.revokeAll(id, trx);
      return this.get(id, trx);
    });
    this.forget(id);
    return view;
  }

  /** `DELETE /api/users/:id`: users are never deleted (the audit log refers to them), only deactivated. */
  deactivate(id: string): Promise<UserView> {
    return this.update(id, { active: false } satisfies Partial<UserInput>);
  }

  /** Changes one's own password after checking the current one; every other session of the user ends. */
  async changePassword(userId: string, body: unknown, keepToken: string | undefined): Promise<void> {
    const { currentPassword, newPassword } = (body ?? {}) as Record<string, unknown>;
    if (typeof currentPassword !== 'string' || !currentPassword) throw ValidationError.at('currentPassword', 'is required');
    const password = assertPasswordPolicy(newPassword, 'newPassword');
    const user = await this.row(this.db.knex, userId);
    if (!(await verifyPassword(user.password_hash, currentPassword)))
      throw ValidationError.at('currentPassword', 'is not your current password');
    const passwordHash = await hashPassword(password);
    await this.inTransaction(async (trx) => {
      await trx('trellis_users').where({ id: userId }).update({ password_hash: passwordHash, updated_at: new Date().toISOString() });
      await this.sessions.revokeAll(userId, trx, keepToken);
    });
    this.forget(userId);
  }

  private forget(userId: string): void {
    this.sessions.forgetUser(userId);
    this.tokens.forgetUser(userId);
    this.onUserChanged(userId);
  }

  /** Runs a write in a transaction; a concurrent insert of the same e-mail still answers 409. */
  private async inTransaction<T>(work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
    try {
      return await this.db.knex.transaction(work);
    } catch (error) {
      if (isUniqueViolation(error)) throw emailTaken('this address');
      throw error;
    }
  }

  private async row(runner: Knex, id: string): Promise<UserDbRow> {
    const row = await runner<UserDbRow>('trellis_users').where({ id }).first();
    if (!row) throw new NotFoundError(`User "${id}"`);
    return row;
  }

  private async assertEmailFree(trx: Knex, email: string): Promise<void> {
    if (await trx('trellis_users').where({ email }).first('id')) throw emailTaken(email);
  }

  private async assertOtherAdmin(trx: Knex, id: string): Promise<void> {
    const other = await trx('trellis_users')
      .where({ is_admin: true, active: true })
      .whereNot({ id })
      .first<{ id: string } | undefined>('id');
    if (!other)
      throw new ConflictError('TRELLIS_LAST_ADMIN', 'This is the last active administrator: make another user an administrator first');
  }

  private async views(runner: Knex, rows: UserDbRow[]): Promise<UserView[]> {
    const links = await readUserLinks(
      runner,
      rows.map((row) => row.id),
    );
    return rows.map((row) => ({
      id: row.id,
      email: row.email,
      name: row.name,
      isAdmin: Boolean(row.is_admin),
      active: Boolean(row.active),
      teams: links.get(row.id)?.teams ?? [],
      roles: links.get(row.id)?.roles ?? [],
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    }));
  }
}
