import { callApi, withQuery } from './api.js';
import type { Me } from './types.js';

/**
 * Names for the ids the sales routes answer with: companies and contacts (read through the
 * records API, which applies the caller's scope), and owners. Cached for the page's life, as
 * names rarely change while a board is open.
 */

let me: Promise<Me | null> | null = null;
const users = new Map<string, string>();
const titles = new Map<string, string>();

/** The signed-in user (null when the session is gone). */
export function currentUser(): Promise<Me | null> {
  me ??= callApi<{ data: Me }>('GET', '/api/auth/me')
    .then((body) => body.data)
    .catch(() => {
      me = null;
      return null;
    });
  return me;
}

/**
 * Names of the users among `ids` ("You" for the signed-in user), from `GET /api/users/names`,
 * which every signed-in user may call; names already known are not asked for again.
 */
export async function userNames(ids: Iterable<string | null | undefined>): Promise<Map<string, string>> {
  const user = await currentUser();
  if (user) users.set(user.id, 'You');
  const wanted = [...new Set(ids)].filter((id): id is string => typeof id === 'string' && id !== '' && !users.has(id));
  for (let start = 0; start < wanted.length; start += 200) {
    try {
      const { data } = await callApi<{ data: Array<{ id: string; name: string }> }>(
        'GET',
        withQuery('/api/users/names', { ids: wanted.slice(start, start + 200).join(',') }),
      );
      for (const row of data) users.set(row.id, row.name);
    } catch {
      // Names are a nicety: the board works without them.
    }
  }
  return new Map(users);
}

/** How an owner is shown, given the names {@link userNames} found. */
export function ownerLabel(names: Map<string, string>, id: string | null | undefined): string {
  if (!id) return 'Nobody';
  return names.get(id) ?? 'Another user';
}

/** The fields that title records of the contacts plugin's entities. */
const TITLE_FIELDS: Record<string, string[]> = { company: ['name'], contact: ['first_name', 'last_name'] };

/**
 * Fetches the titles of `ids` of `entity` (company or contact) not yet known, in one request
 * per 200, and returns them all by id. Records the caller may not read keep no title.
 */
export async function recordTitles(entity: 'company' | 'contact', ids: Iterable<string>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids)].filter((id) => id && !titles.has(`${entity}:${id}`));
  const fields = TITLE_FIELDS[entity] ?? ['name'];
  for (let start = 0; start < wanted.length; start += 200) {
    const chunk = wanted.slice(start, start + 200);
    try {
      const { data } = await callApi<{ data: Array<Record<string, unknown> & { id: string }> }>(
        'GET',
        withQuery(`/api/records/${entity}`, { filter: JSON.stringify({ id: { in: chunk } }), fields: fields.join(','), limit: 200 }),
      );
      for (const row of data) {
        const title = fields
          .map((field) => row[field])
          .filter((value) => typeof value === 'string' && value)
          .join(' ');
        titles.set(`${entity}:${row.id}`, title || row.id);
      }
    } catch {
      // A user who may not read companies still gets the board, without the names.
    }
  }
  const out = new Map<string, string>();
  for (const id of ids) {
    const title = titles.get(`${entity}:${id}`);
    if (title) out.set(id, title);
  }
  return out;
}
