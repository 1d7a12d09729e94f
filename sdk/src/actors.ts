/**
 * Who made a change, as events, hooks and the timeline report it.
 *
 * @example
 * ```ts
 * function who(actor: ActorRef): string {
 *   return actor.via === 'plugin' ? `plugin ${actor.plugin}` : (actor.email ?? 'system');
 * }
 * ```
 */
export interface ActorRef {
  /** The user, or null when core, a job or a plugin acted on its own. */
  userId: string | null;
  /** The user's e-mail, when a user acted. */
  email?: string;
  /** Whether the user is an administrator. */
  isAdmin: boolean;
  /** How the change came in: a login session's bearer token, a personal API token, the admin UI's cookie, core itself, a job, or a plugin. */
  via: 'bearer' | 'token' | 'cookie' | 'system' | 'job' | 'plugin';
  /** The plugin that acted, when `via` is `plugin` or `job`. */
  plugin?: string;
  /** The HTTP request the change came with (`x-request-id`), for the audit log. */
  requestId?: string;
}
