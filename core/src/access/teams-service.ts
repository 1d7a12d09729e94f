import type { FieldProblem, JsonObject } from '@trellis/sdk';
import type { Actor } from '../auth/actor.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Database } from '../db/connect.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { actorRef } from '../events/actor-ref.js';
import { newRecordId } from '../records/record-ids.js';
import type { AccessControl } from './access-control.js';

/** A team as the API shows it: its members' user ids included. */
export interface Team {
  id: string;
  name: string;
  created_at: string;
  members: string[];
}

function teamName(body: unknown, required: boolean): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw ValidationError.at('body', 'must be a JSON object');
  const problems: FieldProblem[] = Object.keys(body)
    .filter((key) => key !== 'name')
    .map((key) => ({ path: key, message: 'is not a property of a team' }));
  const name = (body as { name?: unknown }).name;
  if (name === undefined && required) problems.push({ path: 'name', message: 'is required' });
  else if (name !== undefined && (typeof name !== 'string' || name.trim() === '' || name.length > 100))
    problems.push({ path: 'name', message: 'must be a non-empty string of at most 100 characters' });
  if (problems.length) throw new ValidationError(problems);
  return name === undefined ? undefined : (name as string).trim();
}

/**
 * Teams and their members. A team scope reaches records owned by anyone who shares a team with
 * the user; every change drops the cached grants and is recorded as a `permission.team_*` entry.
 */
export class TeamsService {
  constructor(
    private readonly db: Database,
    private readonly access: AccessControl,
    private readonly audit: AuditLog | undefined,
  ) {}

  async list(): Promise<Team[]> {
    const teams = await this.db
      .knex('trellis_teams')
      .orderBy('name')
      .select<Array<{ id: string; name: string; created_at: string | Date }>>();
    const links = await this.db.knex('trellis_user_teams').orderBy('user_id').select<Array<{ team_id: string; user_id: string }>>();
    return teams.map((team) => ({
      id: team.id,
      name: team.name,
      created_at: new Date(team.created_at).toISOString(),
      members: links.filter((link) => link.team_id === team.id).map((link) => link.user_id),
    }));
  }

  async get(id: string): Promise<Team> {
    const team = (await this.list()).find((item) => item.id === id);
    if (!team) throw new NotFoundError(`Team ${id}`);
    return team;
  }

  async create(body: unknown, actor: Actor): Promise<Team> {
    const name = teamName(body, true) as string;
    await this.assertFree(name);
    const id = newRecordId();
    await this.db.knex('trellis_teams').insert({ id, name, created_at: new Date().toISOString() });
    await this.changed('permission.team_created', actor, { team: id, name });
    return this.get(id);
  }

  async update(id: string, body: unknown, actor: Actor): Promise<Team> {
    const team = await this.get(id);
    const name = teamName(body, false);
    if (name !== undefined && name !== team.name) {
      await this.assertFree(name);
      await this.db.knex('trellis_teams').where({ id }).update({ name });
      await this.changed('permission.team_updated', actor, { team: id, before: team.name, after: name });
    }
    return this.get(id);
  }

  async delete(id: string, actor: Actor): Promise<void> {
    const team = await this.get(id);
    await this.db.knex('trellis_teams').where({ id }).delete();
    await this.changed('permission.team_deleted', actor, { team: id, name: team.name });
  }

  /** Replaces the team's members (every user id must exist), in one transaction. */
  async setMembers(id: string, body: unknown, actor: Actor): Promise<Team> {
    const team = await this.get(id);
    const userIds = (body as { userIds?: unknown } | null)?.userIds;
    if (!Array.isArray(userIds) || userIds.some((user) => typeof user !== 'string'))
      throw ValidationError.at('userIds', 'must be an array of user ids');
    const wanted = [...new Set(userIds as string[])];
    await this.db.knex.transaction(async (trx) => {
      const known = new Set(await trx('trellis_users').whereIn('id', wanted).pluck<string[]>('id'));
      const problems = (userIds as string[]).flatMap((user, index) =>
        known.has(user) ? [] : [{ path: `userIds[${index}]`, message: `no user has id ${user}` }],
      );
      if (problems.length) throw new ValidationError(problems);
      await trx('trellis_user_teams').where({ team_id: id }).delete();
      if (wanted.length) await trx('trellis_user_teams').insert(wanted.map((user) => ({ user_id: user, team_id: id })));
    });
    await this.changed('permission.team_members', actor, { team: id, before: team.members, after: wanted });
    return this.get(id);
  }

  private async assertFree(name: string): Promise<void> {
    if (await this.db.knex('trellis_teams').where({ name }).first())
      throw new ConflictError('TRELLIS_TEAM_EXISTS', `A team named ${name} already exists`);
  }

  private async changed(action: string, actor: Actor, details: JsonObject): Promise<void> {
    this.access.invalidate();
    await this.audit?.record({ action, actor: actorRef(actor), details });
  }
}
