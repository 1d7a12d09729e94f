import type { Actor } from './actor.js';

/** How long a resolved credential is trusted without asking the database again. */
const CACHE_MS = 5_000;
const CACHE_MAX = 10_000;

/** An actor as cached, before the request adds how it came in. */
export type CachedActor = Omit<Actor, 'via'>;

/**
 * Actors behind credential hashes, kept a few seconds so an authenticated request costs no
 * query on the hot path. Revoking in this process forgets at once; other processes see it
 * within {@link CACHE_MS}.
 */
export class ActorCache {
  private readonly entries = new Map<string, { actor: CachedActor; until: number }>();

  /** The cached actor of a credential hash, if still fresh. */
  get(hash: string, now: number): CachedActor | undefined {
    const entry = this.entries.get(hash);
    return entry && entry.until > now ? entry.actor : undefined;
  }

  /** Remembers the actor of a credential hash, never past the credential's own expiry. */
  set(hash: string, actor: CachedActor, now: number, expiresAt = Infinity): void {
    if (this.entries.size >= CACHE_MAX) this.entries.clear();
    this.entries.set(hash, { actor, until: Math.min(now + CACHE_MS, expiresAt) });
  }

  /** Forgets one credential. */
  forget(hash: string): void {
    this.entries.delete(hash);
  }

  /** Forgets every credential of a user (deactivated, password changed, admin flag changed). */
  forgetUser(userId: string): void {
    for (const [hash, entry] of this.entries) if (entry.actor.userId === userId) this.entries.delete(hash);
  }
}
