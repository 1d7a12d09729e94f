/**
 * Calls the Trellis API from the browser. The admin UI is served from the same origin, so the
 * session cookie authenticates every request; writes also echo the `trellis_csrf` cookie in the
 * `x-csrf-token` header (double submit), or they are refused with `TRELLIS_CSRF`.
 */

/** One problem of a refused request, at a body field or query parameter (`lost_reason`, `filter.amount`). */
export interface FieldProblem {
  path: string;
  message: string;
}

/** A refused request: the status, the problem+json `code`, `detail` as message, and the field problems. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: FieldProblem[],
    /** The whole problem document, for routes that add members (the move route's `current`). */
    readonly body: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiProblem';
  }

  /** The message about one field, if the server named it. */
  forField(path: string): string | undefined {
    return this.errors.find((problem) => problem.path === path)?.message;
  }
}

/** The value of the `trellis_csrf` cookie, or '' when there is none. */
function csrfToken(): string {
  const found = /(?:^|;\s*)trellis_csrf=([^;]*)/.exec(document.cookie);
  return found?.[1] ? decodeURIComponent(found[1]) : '';
}

async function problemOf(response: Response): Promise<ApiProblem> {
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  const errors = Array.isArray(body.errors) ? (body.errors as FieldProblem[]) : [];
  const detail = typeof body.detail === 'string' ? body.detail : `The server answered ${response.status}`;
  return new ApiProblem(response.status, typeof body.code === 'string' ? body.code : '', detail, errors, body);
}

/**
 * Sends a request and returns the JSON body; throws an {@link ApiProblem} when it is refused.
 *
 * @example
 * ```ts
 * const { data } = await callApi<{ data: Deal }>('POST', `/api/plugins/sales/deals/${id}/move`, { stage, updated_at });
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
  if (!response.ok) throw await problemOf(response);
  return (await response.json()) as T;
}

/**
 * A path with a query string, leaving out empty values.
 *
 * @example
 * ```ts
 * withQuery('/api/plugins/sales/forecast', { owner: 'me', from: '' }); // '/api/plugins/sales/forecast?owner=me'
 * ```
 */
export function withQuery(path: string, query: Record<string, string | number | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** What to show for an error: the server's detail, or the error's message. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The sales plugin's routes. */
export const SALES = '/api/plugins/sales';
