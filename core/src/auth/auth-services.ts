import type { AuditLog } from '../audit/audit-log.js';
import { publicBaseUrl, type TrellisConfig } from '../config.js';
import type { Database } from '../db/connect.js';
import type { Logger } from '../logger.js';
import type { Mailer } from '../mail/mailer.js';
import type { AuthRouteDeps } from '../http/routes/auth.js';
import { ApiTokenService } from './api-tokens.js';
import { LoginAudit } from './login-audit.js';
import { LoginThrottle, type LoginThrottleOptions } from './login-throttle.js';
import { PasswordResetService } from './password-resets.js';
import { ResetThrottle } from './reset-throttle.js';
import type { SessionService } from './sessions.js';
import { UsersService } from './users-service.js';

/** What {@link createAuthServices} needs. */
export interface AuthServicesDeps {
  db: Database;
  config: TrellisConfig;
  sessions: SessionService;
  mailer: Mailer;
  logger: Logger;
  /** The audit log, once registered: logins and failed logins are recorded there. */
  audit: AuditLog | null;
  /** Told when a user's admin flag, activity, teams or roles may have changed. */
  onUserChanged?: (userId: string) => void;
  /** Login lockout limits (tests shorten them or move the clock). */
  throttle?: Partial<LoginThrottleOptions>;
}

/** Users, personal API tokens, login throttling and password resets, and what the auth routes need. */
export interface AuthServices extends AuthRouteDeps {
  users: UsersService;
  tokens: ApiTokenService;
}

/** Assembles the auth services around the existing session service. */
export function createAuthServices(deps: AuthServicesDeps): AuthServices {
  const { db, config, sessions } = deps;
  const tokens = new ApiTokenService(db);
  const resetThrottle = new ResetThrottle(db);
  const resets = new PasswordResetService(db, deps.mailer, publicBaseUrl(config), sessions, deps.logger, resetThrottle);
  return {
    db,
    sessions,
    sessionDays: config.sessionDays,
    throttle: new LoginThrottle(db, deps.throttle),
    audit: new LoginAudit(deps.audit),
    resets,
    tokens,
    users: new UsersService(db, sessions, tokens, resets, config.smtpUrl !== undefined, deps.onUserChanged),
  };
}
