import { ValidationError, type Filter, type RouteContext } from '@trellis/sdk';

/** A query-string value as one string (the last one when repeated), or undefined. */
export function queryValue(ctx: RouteContext, name: string): string | undefined {
  const raw = ctx.query[name];
  const value = Array.isArray(raw) ? raw.at(-1) : raw;
  return value === undefined || value === '' ? undefined : value;
}

/** `filter=`: the records filter grammar as JSON; checked field by field when it runs. */
export function filterParam(ctx: RouteContext): Filter | undefined {
  const raw = queryValue(ctx, 'filter');
  if (raw === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw ValidationError.at('filter', 'must be JSON, e.g. {"amount":{"gt":1000}}');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw ValidationError.at('filter', 'must be a JSON object');
  return parsed as Filter;
}

/** `owner=`: a user id, or `me` for the caller; a condition on `owner_id`. */
export function ownerFilter(ctx: RouteContext): Filter | undefined {
  const raw = queryValue(ctx, 'owner');
  if (raw === undefined) return undefined;
  const owner = raw === 'me' ? ctx.actor.userId : raw;
  if (!owner || owner.length > 64) throw ValidationError.at('owner', 'must be a user id or "me" (signed in as a user)');
  return { owner_id: { eq: owner } };
}

/** A whole number from the query string within bounds, or the fallback. */
export function intParam(ctx: RouteContext, name: string, fallback: number, min: number, max: number): number {
  const raw = queryValue(ctx, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw ValidationError.at(name, `must be a whole number from ${min} to ${max}`);
  return value;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** `from` / `to` months (`2026-03`), compared with the deals' `expected_month`. */
export function monthRange(ctx: RouteContext): { from?: string; to?: string } {
  const out: { from?: string; to?: string } = {};
  for (const name of ['from', 'to'] as const) {
    const raw = queryValue(ctx, name);
    if (raw === undefined) continue;
    if (!MONTH.test(raw)) throw ValidationError.at(name, 'must be a month, YYYY-MM');
    out[name] = raw;
  }
  // YYYY-MM text sorts as the months do.
  if (out.from && out.to && out.from > out.to) throw ValidationError.at('from', 'must not be after "to"');
  return out;
}

/** The conditions given, joined with AND (undefined ones left out). */
export function allOf(...filters: Array<Filter | undefined>): Filter {
  const present = filters.filter((filter): filter is Filter => filter !== undefined);
  return present.length === 1 ? (present[0] as Filter) : { and: present };
}

/** The request body as an object; anything else is a 400 on `body`. */
export function bodyObject(ctx: RouteContext): Record<string, unknown> {
  const body = ctx.request.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw ValidationError.at('body', 'must be a JSON object');
  return body as Record<string, unknown>;
}

/** An optional id-like string field of a body (400 naming it when present but not a string). */
export function optionalId(body: Record<string, unknown>, name: string, path = name): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.length === 0 || value.length > 64) throw ValidationError.at(path, 'must be a record id');
  return value;
}

/** An optional record id in the query string (400 naming it when malformed). */
export function optionalIdParam(ctx: RouteContext, name: string): string | undefined {
  const value = queryValue(ctx, name);
  if (value !== undefined && value.length > 64) throw ValidationError.at(name, 'must be a record id');
  return value;
}

/**
 * The caller's `filter=` narrowed by the route's own conditions, keeping the caller's paths as
 * they wrote them: the route's conditions are appended to the filter's own `and`, so a problem
 * in it is reported at `filter.<field>`, not somewhere inside a wrapper.
 */
export function narrow(user: Filter | undefined, ours: Filter): Filter {
  if (!user) return ours;
  const own = (user as { and?: unknown }).and;
  if (own !== undefined && !Array.isArray(own)) return user;
  return { ...user, and: [...((own as Filter[] | undefined) ?? []), ours] };
}
