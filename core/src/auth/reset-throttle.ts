import type { Database } from '../db/connect.js';
import { resetRateLimited } from './auth-errors.js';
import { recordEvent, secondsOverLimit } from './rate-window.js';

/** Limits of {@link ResetThrottle}; tests shorten the window or move the clock. */
export interface ResetThrottleOptions {
  /** Reset mails to one account within `windowMs`. */
  accountMails: number;
  /** Reset requests from one client address within `windowMs`. */
  ipRequests: number;
  windowMs: number;
  now: () => number;
}

/** 3 mails per account and 10 requests per client address within an hour. */
export const DEFAULT_RESET_THROTTLE: ResetThrottleOptions = {
  accountMails: 3,
  ipRequests: 10,
  windowMs: 60 * 60_000,
  now: Date.now,
};

const TABLE = 'trellis_password_reset_requests';

/**
 * Rate limits of password reset requests, persisted in `trellis_password_reset_requests` so they
 * hold across processes and restarts: a client address over its limit is refused, an account
 * over its limit silently gets no more mails (the answer must not reveal that it exists).
 */
export class ResetThrottle {
  private readonly options: ResetThrottleOptions;

  constructor(
    private readonly db: Database,
    options: Partial<ResetThrottleOptions> = {},
  ) {
    this.options = { ...DEFAULT_RESET_THROTTLE, ...options };
  }

  /** Throws a 429 `TRELLIS_RESET_RATE_LIMITED` when the address is over its limit. */
  async checkAddress(ip: string): Promise<void> {
    const { ipRequests: limit, windowMs } = this.options;
    const retryAfter = await secondsOverLimit(this.db.knex(TABLE).where({ ip }), { limit, windowMs }, this.options.now());
    if (retryAfter > 0) throw resetRateLimited(retryAfter);
  }

  /** Whether the account with this (normalised) e-mail may be mailed another reset link. */
  async mayMail(email: string): Promise<boolean> {
    const { accountMails: limit, windowMs } = this.options;
    const events = this.db.knex(TABLE).where({ email, mailed: true });
    return (await secondsOverLimit(events, { limit, windowMs }, this.options.now())) === 0;
  }

  /** Records an accepted request, and whether a mail went out for it. */
  record(email: string, ip: string, mailed: boolean): Promise<void> {
    return recordEvent(this.db.knex, TABLE, { email, ip, mailed }, this.options.now(), this.options.windowMs);
  }
}
