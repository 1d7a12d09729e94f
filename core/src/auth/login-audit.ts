import type { AuditLog } from '../audit/audit-log.js';

/** Why a login failed, as `auth.login_failed` entries report it. */
export type LoginFailure = 'unknown_email' | 'wrong_password' | 'inactive' | 'locked' | 'rate_limited';

/** What is known about one login request. */
export interface LoginAttempt {
  email: string;
  ip: string;
  requestId: string;
}

/**
 * Writes `auth.login` and `auth.login_failed` to the audit log, when one is registered. A
 * failed login has no actor (nobody proved who they are): the e-mail tried is in the details.
 */
export class LoginAudit {
  constructor(private readonly audit: AuditLog | null) {}

  /** A successful login of `user`. */
  async succeeded(attempt: LoginAttempt, user: { id: string; email: string; isAdmin: boolean }): Promise<void> {
    await this.audit?.record({
      action: 'auth.login',
      actor: { userId: user.id, email: user.email, isAdmin: user.isAdmin, via: 'bearer', requestId: attempt.requestId },
      details: { email: attempt.email, ip: attempt.ip },
    });
  }

  /** A refused login. */
  async failed(attempt: LoginAttempt, reason: LoginFailure): Promise<void> {
    await this.audit?.record({
      action: 'auth.login_failed',
      actor: { userId: null, isAdmin: false, via: 'system', requestId: attempt.requestId },
      details: { email: attempt.email, ip: attempt.ip, reason },
    });
  }
}
