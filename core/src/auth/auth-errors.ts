import { ForbiddenError, TrellisError } from '../errors.js';

/** Login refused before the password is even checked: the account is locked, or the client address sent too many failures. */
export class LoginThrottledError extends TrellisError {
  constructor(
    readonly reason: 'locked' | 'rate_limited',
    /** Seconds until a login may be tried again (sent as Retry-After). */
    readonly retryAfterSeconds: number,
  ) {
    super(
      429,
      reason === 'locked' ? 'TRELLIS_LOGIN_LOCKED' : 'TRELLIS_LOGIN_RATE_LIMITED',
      'Too many failed logins',
      reason === 'locked'
        ? `This account is locked after repeated failed logins; try again in ${retryAfterSeconds} seconds`
        : `Too many failed logins from this address; try again in ${retryAfterSeconds} seconds`,
    );
  }
}

/** A read-scoped personal API token tried to change something. */
export function readOnlyToken(): ForbiddenError {
  return new ForbiddenError('This personal API token is read-only: create a write token to change data', 'TRELLIS_TOKEN_READ_ONLY');
}

/** A personal API token tried to manage tokens or the password: only a signed-in session may. */
export function sessionRequired(): ForbiddenError {
  return new ForbiddenError(
    'Personal API tokens and the password can only be managed from a signed-in session',
    'TRELLIS_SESSION_REQUIRED',
  );
}
