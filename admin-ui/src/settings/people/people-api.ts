import { api } from '../../api/client.js';
import type { One, Page } from '../../api/types.js';

/** A user as `GET /api/users` answers (camelCase). */
export interface User {
  id: string;
  email: string;
  name: string | null;
  isAdmin: boolean;
  active: boolean;
  teams: string[];
  roles: string[];
  createdAt: string;
  updatedAt: string;
  lastLoginAt?: string | null;
}

/** A team as `GET /api/teams` answers (snake_case). */
export interface Team {
  id: string;
  name: string;
  created_at: string;
  members: string[];
}

/** The scopes a role grants on one entity, and its field rules. */
export interface EntityPermissions {
  read?: Scope;
  create?: Scope;
  update?: Scope;
  delete?: Scope;
  export?: Scope;
  hiddenFields?: string[];
  readOnlyFields?: string[];
}

/** A role as `GET /api/roles` answers (snake_case). */
export interface Role {
  name: string;
  label: string;
  description: string;
  permissions: Record<string, EntityPermissions>;
  system: boolean;
  created_at: string;
  updated_at: string;
}

export const ACTIONS = ['read', 'create', 'update', 'delete', 'export'] as const;
export type Action = (typeof ACTIONS)[number];
export const SCOPES = ['none', 'own', 'team', 'all'] as const;
export type Scope = (typeof SCOPES)[number];

/** The role name that stands for the isAdmin flag: never assigned as a role. */
export const ADMIN_ROLE = 'admin';

/** Every user, following the cursor (admin screens need them all to name members and pick them). */
export async function allUsers(query: Record<string, string> = {}): Promise<User[]> {
  const users: User[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<User> = await api.get<Page<User>>('/api/users', { limit: 200, ...query, cursor });
    users.push(...page.data);
    cursor = page.page.next;
  } while (cursor);
  return users;
}

export async function allTeams(): Promise<Team[]> {
  return (await api.get<One<Team[]>>('/api/teams')).data;
}

export async function allRoles(): Promise<Role[]> {
  return (await api.get<One<Role[]>>('/api/roles')).data;
}

/** "Ada Lovelace" or, without a name, the e-mail. */
export function userLabel(user: Pick<User, 'name' | 'email'>): string {
  return user.name?.trim() || user.email;
}

/** A date and time in the reader's locale, or a dash. */
export function when(value: string | null | undefined): string {
  return value ? new Date(value).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '—';
}

/** A text input's value from a form's data ('' when absent). */
export function formText(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === 'string' ? value : '';
}
