import type { Database } from '../db/connect.js';
import { UserRow } from '../db/models.js';
import { UnauthorizedError } from '../errors.js';
import { LoginThrottledError } from './auth-errors.js';
import type { LoginAttempt, LoginAudit } from './login-audit.js';
import type { LoginThrottle } from './login-throttle.js';
import { verifyPassword } from './passwords.js';

// Verifying against a real hash when the e-mail is unknown keeps both answers equally slow.
const DUMMY_HASH = '$argon2id$v=19$m=65536,p=4,t=3$h51i20c84Wg3FKwIQMVNLA$PYp9goyNtxy5ML892wCLR0CaU7ywoZWgZJXpT7Fjh+Q';

/**
 * Checks a login: refused at once while the account is locked or the address is over its
 * limit (even with the right password), then the password; every outcome is counted and
 * audited. Returns the user; a wrong password, an unknown e-mail and a deactivated account all
 * give the same 401.
 */
export async function authenticate(
  db: Database,
  throttle: LoginThrottle,
  audit: LoginAudit,
  attempt: LoginAttempt,
  password: string,
): Promise<UserRow> {
  try {
    await throttle.check(attempt.email, attempt.ip);
  } catch (error) {
    if (error instanceof LoginThrottledError) await audit.failed(attempt, error.reason);
    throw error;
  }
  const user = await UserRow.query(db.knex).findOne({ email: attempt.email });
  const valid = await verifyPassword(user?.password_hash ?? DUMMY_HASH, password);
  if (!user || !valid || !user.active) {
    await throttle.recordFailure(attempt.email, attempt.ip);
    await audit.failed(attempt, !user ? 'unknown_email' : !valid ? 'wrong_password' : 'inactive');
    throw new UnauthorizedError('Wrong e-mail or password');
  }
  await throttle.recordSuccess(attempt.email, attempt.ip);
  await audit.succeeded(attempt, { id: user.id, email: user.email, isAdmin: Boolean(user.is_admin) });
  return user;
}
