import contacts from '@trellis/plugin-contacts';
import type { JsonObject } from '@trellis/sdk';
import { createTestApp, type TestApp, type TestResponse } from '@trellis/sdk/testing';
import sales from '../src/server/index.js';

/** A password the users API accepts. */
export const PASSWORD = 'a long enough passphrase';

/** A Trellis app with contacts and sales enabled (and sales settings, if given). */
export function salesApp(settings?: JsonObject): Promise<TestApp> {
  return createTestApp({ plugins: [contacts, sales], ...(settings ? { settings: { sales: settings } } : {}) });
}

/** A JSON request as a given bearer token (the app's client is the administrator's). */
export async function as(app: TestApp, token: string, method: string, path: string, body?: unknown): Promise<TestResponse<any>> {
  const response = await fetch(`${app.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: Object.fromEntries(response.headers), body: text ? JSON.parse(text) : null };
}

/** Creates a user with the given roles through the users API and signs them in; returns their id and token. */
export async function signedInUser(app: TestApp, email: string, roles: string[]): Promise<{ id: string; token: string }> {
  const created = await app.client.post<any>('/api/users', { email, name: email.split('@')[0], password: PASSWORD, roles });
  if (created.status !== 201) throw new Error(`creating ${email}: ${created.status} ${JSON.stringify(created.body)}`);
  const login = await fetch(`${app.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  const { token } = (await login.json()) as { token: string };
  return { id: created.body.data.id as string, token };
}

/** The default pipeline and its stages by name. */
export async function defaultBoard(app: TestApp): Promise<{ pipeline: string; stages: Record<string, string> }> {
  const pipelines = await app.client.get<any>('/api/records/sales_pipeline?filter=' + encodeURIComponent('{"is_default":{"eq":true}}'));
  const pipeline = pipelines.body.data[0].id as string;
  const stages = await app.client.get<any>(
    `/api/records/sales_stage?sort=position&filter=${encodeURIComponent(JSON.stringify({ pipeline: { eq: pipeline } }))}`,
  );
  return { pipeline, stages: Object.fromEntries(stages.body.data.map((stage: any) => [stage.name, stage.id])) };
}
