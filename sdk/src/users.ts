/**
 * What plugins may know about a user: enough to address and name them, never credentials,
 * roles or teams.
 *
 * @example
 * ```ts
 * const line = (user: UserSummary) => `${user.name} <${user.email}>`;
 * ```
 */
export interface UserSummary {
  /** The user's id (what `owner_id` and `created_by` hold). */
  id: string;
  /** Their sign-in e-mail address, lower-case. */
  email: string;
  /** Their display name. */
  name: string;
  /** False once an administrator deactivated them: do not notify them. */
  active: boolean;
}

/**
 * Read-only look-ups of users, for plugins that notify record owners (reminders, assignments).
 *
 * @example
 * ```ts
 * const owner = await services.get(Tokens.Users).get(String(record.owner_id));
 * if (owner?.active) await services.get(Tokens.Mailer).send({ to: owner.email, subject: 'Reminder', text: '…' });
 * ```
 */
export interface UsersApi {
  /** One user by id, or null when there is none. */
  get(id: string): Promise<UserSummary | null>;
}
