import { ForbiddenError, TrellisError } from '../errors.js';

/** A request refused for coming too often; the route sends `retryAfterSeconds` as Retry-After. */
export class RateLimitedError extends TrellisError {
  constructor(
    code: string,
    title: string,
    message: string,
    /** Seconds until the request may be tried again. */
    readonly retryAfterSeconds: number,
  ) {
    super(429, code, title, message);
  }
}

/** Login refused before the password is even checked: the account is locked, or the client address sent too many failures. */
export class LoginThrottledError extends RateLimitedError {
  constructor(
    readonly reason: 'locked' | 'rate_limited',
    retryAfterSeconds: number,
  ) {
    super(
      reason === 'locked' ? 'TRELLIS_LOGIN_LOCKED' : 'TRELLIS_LOGIN_RATE_LIMITED',
      'Too many failed logins',
      reason === 'locked'
        ? `This account is locked after repeated failed logins; try again in ${retryAfterSeconds} seconds`
        : `Too many failed logins from this address; try again in ${retryAfterSeconds} seconds`,
      retryAfterSeconds,
    );
  }
}

/** The client address asked for too many password reset mails. */
export function resetRateLimited(retryAfterSeconds: number): RateLimitedError {
  return new RateLimitedError(
    'TRELLIS_RESET_RATE_LIMITED',
    'Too many reset requests',
    `Too many password reset requests from this address; try again in ${retryAfterSeconds} seconds`,
    retryAfterSeconds,
  );
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
