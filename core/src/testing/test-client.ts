import type { TestClient, TestResponse } from '@trellis/sdk/testing';

/** Sends one request to the app; JSON bodies are encoded and JSON answers parsed. */
async function request<T>(url: string, token: string, method: string, path: string, body?: unknown): Promise<TestResponse<T>> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${url}${path}`, { method, headers, body: body === undefined ? null : JSON.stringify(body) });
  const text = await response.text();
  let parsed: unknown = text || null;
  if (text && /json/i.test(response.headers.get('content-type') ?? '')) parsed = JSON.parse(text) as unknown;
  return { status: response.status, headers: Object.fromEntries(response.headers), body: parsed as T };
}

/** A client signed in with a bearer token. */
export function testClient(url: string, token: string): TestClient {
  return {
    get: (path) => request(url, token, 'GET', path),
    post: (path, body) => request(url, token, 'POST', path, body),
    put: (path, body) => request(url, token, 'PUT', path, body),
    patch: (path, body) => request(url, token, 'PATCH', path, body),
    delete: (path) => request(url, token, 'DELETE', path),
  };
}
