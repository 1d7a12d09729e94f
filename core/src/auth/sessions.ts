import { createHash, randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { v7 as uuidv7 } from 'uuid';
import type { Database } from '../db/connect.js';
import { SessionRow } from '../db/models.js';
import type { Actor } from './actor.js';
import { ActorCache } from './actor-cache.js';

/** Tokens are stored only as their SHA-256, so a copy of the database does not hand out sessions. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Login sessions: opaque random tokens, valid for `sessionDays`. Lookups are cached for a few
 * seconds so an authenticated request costs no extra query on the hot path; logout in this
 * process takes effect at once, elsewhere within that delay.
 */
export class SessionService {
  private readonly cache = new ActorCache();

  constructor(
    private readonly db: Database,
    private readonly sessionDays: number,
  ) {}

  /** Opens a session for a user and returns its token (shown to the client once). */
  async create(userId: string): Promise<{ token: string; expiresAt: string }> {
    const token = `trs_${randomBytes(32).toString('base64url')}`;
    const now = new Date();
    const expiresAt = new Date(now.getTime() + this.sessionDays * 86_400_000).toISOString();
    await SessionRow.query(this.db.knex).insert({
      id: uuidv7(),
      token_hash: tokenHash(token),
      user_id: userId,
      created_at: now.toISOString(),
      expires_at: expiresAt,
    });
    return { token, expiresAt };
  }

  /** The actor behind a token, or null when it is unknown, expired or its user is inactive. */
  async resolve(token: string, via: Actor['via']): Promise<Actor | null> {
    const hash = tokenHash(token);
    const now = Date.now();
    const cached = this.cache.get(hash, now);
    if (cached) return { ...cached, via };
    const row = await this.db
      .knex('trellis_sessions as s')
      .join('trellis_users as u', 'u.id', 's.user_id')
      .where('s.token_hash', hash)
      .andWhere('s.expires_at', '>', new Date(now).toISOString())
      .andWhere('u.active', true)
      .first<{ id: string; email: string; name: string; is_admin: boolean | number } | undefined>(
        'u.id',
        'u.email',
        'u.name',
        'u.is_admin',
      );
    if (!row) {
      this.cache.forget(hash);
      return null;
    }
    const actor = { userId: row.id, email: row.email, name: row.name, isAdmin: Boolean(row.is_admin) };
    this.cache.set(hash, actor, now);
    return { ...actor, via };
  }

  /** Ends a session. */
  async revoke(token: string): Promise<void> {
    const hash = tokenHash(token);
    this.cache.forget(hash);
    await SessionRow.query(this.db.knex).where({ token_hash: hash }).delete();
  }

  /**
   * Ends every session of a user inside `runner`'s transaction, but the one of `keepToken` when
   * given (the session changing its own password). Call {@link forgetUser} once it commits.
   */
  async revokeAll(userId: string, runner: Knex = this.db.knex, keepToken?: string): Promise<void> {
    const query = SessionRow.query(runner).where({ user_id: userId });
    if (keepToken) query.whereNot({ token_hash: tokenHash(keepToken) });
    await query.delete();
  }

  /** Drops the cached actors of a user, so a revocation or a change of their admin flag applies at once here. */
  forgetUser(userId: string): void {
    this.cache.forgetUser(userId);
  }
}
