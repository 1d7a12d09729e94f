import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { v7 as uuidv7 } from 'uuid';
import type { Database } from '../db/connect.js';
import { NotFoundError, ValidationError } from '../errors.js';
import type { FieldProblem } from '@trellis/sdk';
import type { Actor, TokenScope } from './actor.js';
import { ActorCache } from './actor-cache.js';
import { tokenHash } from './sessions.js';

/** Every personal API token starts with this, so the auth gate tells it from a session token. */
export const API_TOKEN_PREFIX = 'trl_';
/** Days a token lives when the request names none, and the most it may ask for. */
export const DEFAULT_TOKEN_DAYS = 90;
export const MAX_TOKEN_DAYS = 365;
const SCOPES: readonly TokenScope[] = ['read', 'write'];

/** A personal API token as its owner sees it: never the secret. */
export interface ApiTokenInfo {
  id: string;
  name: string;
  scope: TokenScope;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
}

interface TokenRow {
  id: string;
  name: string;
  scope: TokenScope;
  created_at: string;
  expires_at: string;
  last_used_at: string | null;
}

interface TokenActorRow {
  token_id: string;
  scope: TokenScope;
  expires_at: string;
  id: string;
  email: string;
  name: string;
  is_admin: boolean | number;
}

const COLUMNS = ['id', 'name', 'scope', 'created_at', 'expires_at', 'last_used_at'];

function info(row: TokenRow): ApiTokenInfo {
  return {
    id: row.id,
    name: row.name,
    scope: row.scope,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
  };
}

/** Reads `{name, scope, expiresInDays?}`; a ValidationError names every bad field. */
function readTokenRequest(body: unknown): { name: string; scope: TokenScope; days: number } {
  const { name, scope, expiresInDays } = (body ?? {}) as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  if (typeof name !== 'string' || !name.trim() || name.length > 200)
    problems.push({ path: 'name', message: 'must be a non-blank string of at most 200 characters' });
  if (!SCOPES.includes(scope as TokenScope)) problems.push({ path: 'scope', message: `must be one of ${SCOPES.join(', ')}` });
  const days = expiresInDays ?? DEFAULT_TOKEN_DAYS;
  if (!Number.isInteger(days) || (days as number) < 1 || (days as number) > MAX_TOKEN_DAYS)
    problems.push({ path: 'expiresInDays', message: `must be a whole number from 1 to ${MAX_TOKEN_DAYS}` });
  if (problems.length) throw new ValidationError(problems);
  return { name: (name as string).trim(), scope: scope as TokenScope, days: days as number };
}

/**
 * Personal API tokens: `trl_` + 32 random bytes, shown once, stored as their SHA-256, scoped
 * read or write, expiring, revocable. Resolved actors are cached like sessions.
 */
export class ApiTokenService {
  private readonly cache = new ActorCache();

  constructor(
    private readonly db: Database,
    private readonly now: () => number = Date.now,
  ) {}

  /** Creates a token for a user; the answer is the only place its secret appears. */
  async create(userId: string, body: unknown): Promise<{ token: string; data: ApiTokenInfo }> {
    const { name, scope, days } = readTokenRequest(body);
    const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const now = this.now();
    const row: TokenRow = {
      id: uuidv7(),
      name,
      scope,
      created_at: new Date(now).toISOString(),
      expires_at: new Date(now + days * 86_400_000).toISOString(),
      last_used_at: null,
    };
    await this.db.knex('trellis_api_tokens').insert({ ...row, user_id: userId, token_hash: tokenHash(token) });
    return { token, data: info(row) };
  }

  /** A user's tokens that are not revoked (expired ones included, so they can be seen and cleaned up), oldest first. */
  async list(userId: string): Promise<ApiTokenInfo[]> {
    const rows = await this.db
      .knex('trellis_api_tokens')
      .where({ user_id: userId })
      .whereNull('revoked_at')
      .orderBy('id')
      .select<TokenRow[]>(COLUMNS);
    return rows.map(info);
  }

  /** Revokes one of a user's tokens; a 404 when it is not theirs or already revoked. */
  async revoke(userId: string, id: string): Promise<void> {
    const revoked = await this.db
      .knex('trellis_api_tokens')
      .where({ id, user_id: userId })
      .whereNull('revoked_at')
      .update({ revoked_at: new Date(this.now()).toISOString() });
    if (!revoked) throw new NotFoundError(`API token "${id}"`);
    this.cache.forgetUser(userId);
  }

  /** Revokes every token of a user inside `runner`'s transaction; call {@link forgetUser} once it commits. */
  async revokeAll(userId: string, runner: Knex): Promise<void> {
    await runner('trellis_api_tokens')
      .where({ user_id: userId })
      .whereNull('revoked_at')
      .update({ revoked_at: new Date(this.now()).toISOString() });
  }

  /** Drops the cached actors of a user. */
  forgetUser(userId: string): void {
    this.cache.forgetUser(userId);
  }

  /** The actor behind a token (`via: 'token'`, with its scope), or null when unknown, revoked, expired or its user inactive. */
  async resolve(token: string): Promise<Actor | null> {
    const hash = tokenHash(token);
    const now = this.now();
    const cached = this.cache.get(hash, now);
    if (cached) return { ...cached, via: 'token' };
    const nowIso = new Date(now).toISOString();
    const row = await this.db
      .knex('trellis_api_tokens as t')
      .join('trellis_users as u', 'u.id', 't.user_id')
      .where('t.token_hash', hash)
      .whereNull('t.revoked_at')
      .andWhere('t.expires_at', '>', nowIso)
      .andWhere('u.active', true)
      .first<TokenActorRow | undefined>('t.id as token_id', 't.scope', 't.expires_at', 'u.id', 'u.email', 'u.name', 'u.is_admin');
    if (!row) {
      this.cache.forget(hash);
      return null;
    }
    // Written at most once per cache period per process, so a busy integration does not write on every call.
    await this.db.knex('trellis_api_tokens').where({ id: row.token_id }).update({ last_used_at: nowIso });
    const actor = { userId: row.id, email: row.email, name: row.name, isAdmin: Boolean(row.is_admin), tokenScope: row.scope };
    this.cache.set(hash, actor, now, Date.parse(row.expires_at));
    return { ...actor, via: 'token' };
  }
}
