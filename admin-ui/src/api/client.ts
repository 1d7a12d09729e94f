/** Cookie-authenticated writes echo this cookie in this header (core's auth gate, double submit). */
const CSRF_COOKIE = 'trellis_csrf';
const CSRF_HEADER = 'x-csrf-token';

/** One problem of a problem+json answer that has a place: `path` names the field (`email`, `[2].name`, `fields[0].type`). */
export interface FieldProblem {
  path: string;
  message: string;
}

/**
 * A refused request, carrying the server's problem+json: `detail` in plain words, the stable
 * `code`, and per-field `errors` so forms can show each message beside its field.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The messages whose path starts with `field` (exactly, or followed by `.` or `[`), joined. */
  forField(field: string): string | undefined {
    const own = this.errors.filter(
      (problem) => problem.path === field || problem.path.startsWith(`${field}.`) || problem.path.startsWith(`${field}[`),
    );
    return own.length ? own.map((problem) => problem.message).join('; ') : undefined;
  }
}

/** Listeners told when the server says the session is gone (401), so the shell can show the login page. */
const signedOutListeners = new Set<() => void>();

/** Calls `listener` whenever a request is answered 401; returns the function that stops it. */
export function onSignedOut(listener: () => void): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

async function problemOf(response: Response): Promise<ApiError> {
  let body: { detail?: unknown; title?: unknown; code?: unknown; errors?: unknown } = {};
  try {
    body = (await response.json()) as typeof body;
  } catch {
    // Not JSON (a proxy's error page): the status line says enough.
  }
  const message =
    typeof body.detail === 'string'
      ? body.detail
      : typeof body.title === 'string'
        ? body.title
        : `The server answered ${response.status} ${response.statusText}`.trim();
  const errors = Array.isArray(body.errors) ? (body.errors as FieldProblem[]).filter((problem) => typeof problem?.path === 'string') : [];
  return new ApiError(response.status, typeof body.code === 'string' ? body.code : `HTTP_${response.status}`, message, errors);
}

/** Query-string values; undefined and empty values are left out. */
export type Query = Record<string, string | number | boolean | undefined | null>;

/** A path under the server with `query` appended. */
export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}${path.includes('?') ? '&' : '?'}${text}` : path;
}

/**
 * Sends a request to the Trellis API with the session cookie (and the CSRF header on writes)
 * and returns the parsed JSON body (undefined for 204). Throws {@link ApiError} for any answer
 * that is not 2xx, and a plain Error when the server cannot be reached.
 */
export async function request<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD') {
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) headers[CSRF_HEADER] = csrf;
  }
  let response: Response;
  try {
    response = await fetch(withQuery(path, query), {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new Error('The Trellis server cannot be reached. Check your connection and try again.');
  }
  if (!response.ok) {
    const problem = await problemOf(response);
    if (response.status === 401 && path !== '/api/auth/login') for (const listener of signedOutListeners) listener();
    throw problem;
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** Shorthands for {@link request}. */
export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, undefined, query),
  post: <T>(path: string, body?: unknown, query?: Query) => request<T>('POST', path, body ?? {}, query),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T = void>(path: string, query?: Query) => request<T>('DELETE', path, undefined, query),
};

/** A message for any error a request may throw. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
