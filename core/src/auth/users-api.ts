import type { UserSummary, UsersApi } from '@trellis/sdk';
import type { Database } from '../db/connect.js';

/**
 * The SDK's {@link UsersApi}: a user's id, e-mail, name and whether they are active, read
 * straight from the users table (one indexed read by primary key).
 *
 * @example
 * ```ts
 * const users = usersApi(db);
 * const owner = await users.get(ownerId);
 * ```
 */
export function usersApi(db: Database): UsersApi {
  return {
    async get(id: string): Promise<UserSummary | null> {
      const row: { id: string; email: string; name: string; active: boolean | number } | undefined = await db
        .knex('trellis_users')
        .where({ id })
        .first('id', 'email', 'name', 'active');
      return row ? { id: row.id, email: row.email, name: row.name, active: Boolean(row.active) } : null;
    },
  };
}
