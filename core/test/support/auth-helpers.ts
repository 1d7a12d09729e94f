import { expectOk } from './api.js';
import type { TestServer } from './server.js';

/** A password the policy accepts. */
export const GOOD_PASSWORD = 'a long enough passphrase';

/** Creates a user through the Users API (as the admin) and returns it. */
export async function createUser(server: TestServer, body: Record<string, unknown>): Promise<any> {
  return expectOk(await server.request('POST', '/api/users', { password: GOOD_PASSWORD, ...body }), 201).data;
}

/** Signs in and returns the session's bearer token. */
export async function loginToken(server: TestServer, email: string, password = GOOD_PASSWORD): Promise<string> {
  return expectOk(await server.request('POST', '/api/auth/login', { email, password }, { auth: false })).token as string;
}

/** Request options sending `token` as the bearer instead of the admin's. */
export function bearer(token: string): { auth: false; headers: Record<string, string> } {
  return { auth: false, headers: { authorization: `Bearer ${token}` } };
}
