import { createHash, randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { Database } from '../db/connect.js';
import { SessionRow } from '../db/models.js';
import type { Actor } from './actor.js';

/** How long a resolved token is trusted without asking the database again. */
const CACHE_MS = 5_000;
const CACHE_MAX = 10_000;

/** Tokens are stored only as their SHA-256, so a copy of the database does not hand out sessions. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

type CachedActor = Omit<Actor, 'via'>;

/**
 * Login sessions: opaque random tokens, valid for `sessionDays`. Lookups are cached for a few
 * seconds so an authenticated request costs no extra query on the hot path; logout in this
 * process takes effect at once, elsewhere within that delay.
 */
export class SessionService {
  private readonly cache = new Map<string, { actor: CachedActor; until: number }>();

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
    const cached = this.cache.get(hash);
    if (cached && cached.until > now) return { ...cached.actor, via };
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
      this.cache.delete(hash);
      return null;
    }
    const actor: CachedActor = { userId: row.id, email: row.email, name: row.name, isAdmin: Boolean(row.is_admin) };
    if (this.cache.size >= CACHE_MAX) this.cache.clear();
    this.cache.set(hash, { actor, until: now + CACHE_MS });
    return { ...actor, via };
  }

  /** Ends a session. */
  async revoke(token: string): Promise<void> {
    const hash = tokenHash(token);
    this.cache.delete(hash);
    await SessionRow.query(this.db.knex).where({ token_hash: hash }).delete();
  }
}
