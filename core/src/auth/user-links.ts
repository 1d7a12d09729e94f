import type { FieldProblem } from '@trellis/sdk';
import type { Knex } from 'knex';
import { ValidationError } from '../errors.js';

/** A user's team ids and role names, as `trellis_user_teams` and `trellis_user_roles` hold them. */
export interface UserLinks {
  teams: string[];
  roles: string[];
}

const ADMIN_ROLE = 'admin';

const LINKS = {
  teams: { table: 'trellis_user_teams', column: 'team_id', target: 'trellis_teams', key: 'id', what: 'team' },
  roles: { table: 'trellis_user_roles', column: 'role', target: 'trellis_roles', key: 'name', what: 'role' },
} as const;

/** The teams and roles of each given user (two queries whatever the number of users). */
export async function readUserLinks(knex: Knex, userIds: string[]): Promise<Map<string, UserLinks>> {
  const links = new Map<string, UserLinks>(userIds.map((id) => [id, { teams: [], roles: [] }]));
  if (!userIds.length) return links;
  for (const [kind, link] of Object.entries(LINKS) as Array<[keyof UserLinks, (typeof LINKS)[keyof UserLinks]]>) {
    const rows = await knex(link.table)
      .whereIn('user_id', userIds)
      .orderBy(link.column)
      .select<Array<{ user_id: string; value: string }>>('user_id', `${link.column} as value`);
    for (const row of rows) links.get(row.user_id)?.[kind].push(row.value);
  }
  return links;
}

/**
 * Replaces a user's teams and/or roles inside `trx`. Every team id and role name must exist: a
 * ValidationError names each unknown one (`teams[1]`), before anything is written.
 */
export async function writeUserLinks(trx: Knex.Transaction, userId: string, wanted: Partial<UserLinks>): Promise<void> {
  const problems: FieldProblem[] = [];
  for (const kind of ['teams', 'roles'] as const) {
    const values = wanted[kind];
    if (!values?.length) continue;
    const link = LINKS[kind];
    const known = new Set(await trx(link.target).whereIn(link.key, values).pluck<string[]>(link.key));
    values.forEach((value, index) => {
      // One source of truth for administrators: the flag, which sessions and tokens read.
      if (kind === 'roles' && value === ADMIN_ROLE)
        problems.push({ path: `roles[${index}]`, message: 'the admin role is the isAdmin flag: send "isAdmin": true instead' });
      else if (!known.has(value)) problems.push({ path: `${kind}[${index}]`, message: `no ${link.what} "${value}" exists` });
    });
  }
  if (problems.length) throw new ValidationError(problems);
  for (const kind of ['teams', 'roles'] as const) {
    const values = wanted[kind];
    if (!values) continue;
    const link = LINKS[kind];
    await trx(link.table).where({ user_id: userId }).delete();
    if (values.length) await trx(link.table).insert(values.map((value) => ({ user_id: userId, [link.column]: value })));
  }
}
