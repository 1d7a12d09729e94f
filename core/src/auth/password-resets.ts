import { randomBytes } from 'node:crypto';
import type { MailerApi } from '@trellis/sdk';
import type { Knex } from 'knex';
import { v7 as uuidv7 } from 'uuid';
import type { Database } from '../db/connect.js';
import { ValidationError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { ResetThrottle } from './reset-throttle.js';
import { assertPasswordPolicy, hashPassword } from './passwords.js';
import { tokenHash, type SessionService } from './sessions.js';

/** How long a reset link works; an invitation (a new user without a password) gets a week. */
export const RESET_TTL_MS = 60 * 60_000;
export const INVITE_TTL_MS = 7 * 86_400_000;

/** The user a reset mail goes to. */
export interface ResetRecipient {
  id: string;
  email: string;
  name: string;
}

const invalidToken = () => ValidationError.at('token', 'is invalid, expired or already used; ask for a new reset mail');

/**
 * Password reset by e-mail: a single-use random token, stored as its SHA-256, mailed as a link
 * to `<publicUrl>/reset-password?token=…`. Confirming sets the password and ends the user's
 * sessions.
 */
export class PasswordResetService {
  constructor(
    private readonly db: Database,
    private readonly mailer: MailerApi,
    private readonly publicUrl: string,
    private readonly sessions: SessionService,
    private readonly logger: Logger,
    private readonly throttle: ResetThrottle,
  ) {}

  /**
   * Mails a reset link when an active account has this e-mail and is under its mail limit, and
   * does nothing otherwise. The mail goes out in the background so the answer takes as long
   * either way (no account enumeration); a failure to send is logged. Throws a 429 when the
   * client address `ip` is over its request limit.
   */
  async request(email: string, ip: string): Promise<void> {
    await this.throttle.checkAddress(ip);
    const user = await this.db
      .knex('trellis_users')
      .where({ email, active: true })
      .first<ResetRecipient | undefined>('id', 'email', 'name');
    const mailed = user !== undefined && (await this.throttle.mayMail(email));
    await this.throttle.record(email, ip, mailed);
    if (!mailed) return;
    this.issue(user, 'reset', this.db.knex).catch((error: unknown) => {
      this.logger.warn('password reset mail failed', { userId: user.id, error });
    });
  }

  /** Stores a reset token for the user inside `runner` and mails its link (awaited: a failure aborts the caller's transaction). */
  async issue(user: ResetRecipient, kind: 'reset' | 'invite', runner: Knex): Promise<void> {
    const token = `trp_${randomBytes(32).toString('base64url')}`;
    const now = Date.now();
    await runner('trellis_password_resets').insert({
      id: uuidv7(),
      user_id: user.id,
      token_hash: tokenHash(token),
      created_at: new Date(now).toISOString(),
      expires_at: new Date(now + (kind === 'reset' ? RESET_TTL_MS : INVITE_TTL_MS)).toISOString(),
    });
    const link = `${this.publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
    const text =
      kind === 'reset'
        ? `Hello ${user.name},\n\nSomeone asked to reset the password of your Trellis account. To choose a new one, open this link within an hour:\n\n${link}\n\nIf it was not you, ignore this mail: your password stays as it is.\n`
        : `Hello ${user.name},\n\nAn account was created for you in Trellis. To choose your password, open this link within seven days:\n\n${link}\n`;
    await this.mailer.send({
      to: user.email,
      subject: kind === 'reset' ? 'Reset your Trellis password' : 'Your Trellis account',
      text,
    });
  }

  /** Sets the password of the token's user, uses up the token (and the user's other ones) and ends the user's sessions. */
  async confirm(body: unknown): Promise<void> {
    const { token, password } = (body ?? {}) as Record<string, unknown>;
    if (typeof token !== 'string' || !token) throw ValidationError.at('token', 'is required');
    const checked = assertPasswordPolicy(password);
    const passwordHash = await hashPassword(checked);
    const nowIso = new Date().toISOString();
    const userId = await this.db.knex.transaction(async (trx) => {
      const reset = await trx('trellis_password_resets as r')
        .join('trellis_users as u', 'u.id', 'r.user_id')
        .where('r.token_hash', tokenHash(token))
        .whereNull('r.used_at')
        .andWhere('r.expires_at', '>', nowIso)
        .andWhere('u.active', true)
        .first<{ user_id: string } | undefined>('r.user_id');
      if (!reset) throw invalidToken();
      await trx('trellis_password_resets').where({ user_id: reset.user_id }).whereNull('used_at').update({ used_at: nowIso });
      await trx('trellis_users').where({ id: reset.user_id }).update({ password_hash: passwordHash, updated_at: nowIso });
      await this.sessions.revokeAll(reset.user_id, trx);
      return reset.user_id;
    });
    this.sessions.forgetUser(userId);
  }
}
