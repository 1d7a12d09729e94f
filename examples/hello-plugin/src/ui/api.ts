/**
 * Calls the Trellis API from the browser. The admin UI is served from the same origin, so the
 * session cookie authenticates every request; writes must also echo the `trellis_csrf` cookie
 * in the `x-csrf-token` header (double submit), or they are refused with `TRELLIS_CSRF`.
 */

/** The value of the `trellis_csrf` cookie, or '' when there is none (a bearer-token client needs none). */
function csrfToken(): string {
  const found = /(?:^|;\s*)trellis_csrf=([^;]*)/.exec(document.cookie);
  return found?.[1] ? decodeURIComponent(found[1]) : '';
}

/**
 * Sends a request and returns the JSON body; throws with the server's `detail` when it refuses.
 *
 * @example
 * ```ts
 * const { data } = await callApi<{ data: { message: string } }>('POST', '/api/plugins/hello/greet', { name: 'Ada' });
 * ```
 */
export async function callApi<T>(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken();
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as { detail?: string };
    throw new Error(problem.detail ?? `The server answered ${response.status}`);
  }
  return (await response.json()) as T;
}
