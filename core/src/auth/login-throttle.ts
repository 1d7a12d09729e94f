import type { Database } from '../db/connect.js';
import { LoginThrottledError } from './auth-errors.js';
import { recordEvent, secondsOverLimit } from './rate-window.js';

/** Limits of {@link LoginThrottle}; tests shorten the windows or move the clock. */
export interface LoginThrottleOptions {
  /** Failures of one account within `windowMs` that lock it. */
  accountFailures: number;
  /** Failures from one client address within `windowMs` after which it is refused. */
  ipFailures: number;
  windowMs: number;
  /** How long a locked account stays locked. */
  lockMs: number;
  now: () => number;
}

/** 5 failures per account and 20 per address within 15 minutes; a lock lasts 15 minutes. */
export const DEFAULT_LOGIN_THROTTLE: LoginThrottleOptions = {
  accountFailures: 5,
  ipFailures: 20,
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
  now: Date.now,
};

interface AttemptRow {
  succeeded: boolean | number;
  locked_until: string | null;
  created_at: string;
}

/**
 * Login rate limiting and lockout, persisted in `trellis_login_attempts` so it holds across
 * processes and restarts. Attempts are keyed by the normalised e-mail whether or not an account
 * has it, so a lock says nothing about which accounts exist.
 */
export class LoginThrottle {
  private readonly options: LoginThrottleOptions;

  constructor(
    private readonly db: Database,
    options: Partial<LoginThrottleOptions> = {},
  ) {
    this.options = { ...DEFAULT_LOGIN_THROTTLE, ...options };
  }

  /** Throws {@link LoginThrottledError} when the account is locked or the address is over its limit. */
  async check(email: string, ip: string): Promise<void> {
    const now = this.options.now();
    const lockedUntil = this.currentRun(await this.recent(email, now), now).lockedUntil;
    if (lockedUntil > now) throw new LoginThrottledError('locked', Math.ceil((lockedUntil - now) / 1000));
    const retryAfter = await secondsOverLimit(
      this.db.knex('trellis_login_attempts').where({ ip, succeeded: false }),
      { limit: this.options.ipFailures, windowMs: this.options.windowMs },
      now,
    );
    if (retryAfter > 0) throw new LoginThrottledError('rate_limited', retryAfter);
  }

  /** Records a failed attempt; the one that reaches the limit locks the account. */
  async recordFailure(email: string, ip: string): Promise<void> {
    const now = this.options.now();
    const { failures } = this.currentRun(await this.recent(email, now), now);
    const locks = failures + 1 >= this.options.accountFailures;
    await this.insert(email, ip, false, now, locks ? new Date(now + this.options.lockMs).toISOString() : null);
  }

  /** Records a successful login, which starts the account's count afresh. */
  async recordSuccess(email: string, ip: string): Promise<void> {
    await this.insert(email, ip, true, this.options.now(), null);
  }

  /** The account's latest attempts, as far back as a count or a lock can reach. */
  private recent(email: string, now: number): Promise<AttemptRow[]> {
    const since = new Date(now - this.options.windowMs - this.options.lockMs).toISOString();
    return this.db
      .knex('trellis_login_attempts')
      .where({ email })
      .andWhere('created_at', '>', since)
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(50)
      .select<AttemptRow[]>('succeeded', 'locked_until', 'created_at');
  }

  /**
   * The failures since the last success or lock, within the window, and when the last lock
   * ends (0 when none holds): a lock that has ended wipes the slate, as a success does.
   */
  private currentRun(rows: AttemptRow[], now: number): { failures: number; lockedUntil: number } {
    let failures = 0;
    for (const row of rows) {
      if (row.succeeded) break;
      if (row.locked_until) return { failures, lockedUntil: Date.parse(row.locked_until) };
      if (Date.parse(row.created_at) > now - this.options.windowMs) failures += 1;
    }
    return { failures, lockedUntil: 0 };
  }

  private insert(email: string, ip: string, succeeded: boolean, now: number, lockedUntil: string | null): Promise<void> {
    const event = { email, ip, succeeded, locked_until: lockedUntil };
    return recordEvent(this.db.knex, 'trellis_login_attempts', event, now, this.options.windowMs + this.options.lockMs);
  }
}
