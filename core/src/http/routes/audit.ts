import Router from '@koa/router';
import type { ActorRef } from '@trellis/sdk';
import type { ParsedUrlQuery } from 'node:querystring';
import type { AuditFilters, AuditPaging, AuditQuery } from '../../audit/audit-query.js';
import { MAX_AUDIT_LIMIT } from '../../audit/audit-query.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../errors.js';
import type { RecordsService } from '../../records/records-service.js';
import type { TrellisState } from '../context.js';
import { single } from '../query.js';

const SOURCES: ReadonlySet<string> = new Set<ActorRef['via']>(['cookie', 'bearer', 'token', 'job', 'plugin', 'system']);
const ISO_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;
const FILTERS = ['action', 'entity', 'recordId', 'actor', 'source', 'from', 'to'] as const;

/** A filter parameter: given at most once, and not empty. */
function filterValue(query: ParsedUrlQuery, name: string): string | undefined {
  const value = single(query, name);
  if (value === '') throw ValidationError.at(name, 'must not be empty');
  return value;
}

/** Reads `?limit=&cursor=`. */
function paging(query: ParsedUrlQuery): AuditPaging {
  const out: AuditPaging = {};
  const limit = filterValue(query, 'limit');
  if (limit !== undefined) {
    const value = Number(limit);
    if (!Number.isInteger(value) || value < 1 || value > MAX_AUDIT_LIMIT)
      throw ValidationError.at('limit', `must be a whole number from 1 to ${MAX_AUDIT_LIMIT}`);
    out.limit = value;
  }
  const cursor = filterValue(query, 'cursor');
  if (cursor !== undefined) out.cursor = cursor;
  return out;
}

/** A timestamp filter as the ISO form entries are stored in. */
function time(name: string, value: string): string {
  const parsed = Date.parse(value);
  if (!ISO_TIME.test(value) || Number.isNaN(parsed)) throw ValidationError.at(name, 'must be an ISO 8601 date or timestamp');
  return new Date(parsed).toISOString();
}

/** Reads and checks the admin query's filters; an unknown parameter is refused too. */
function filters(query: ParsedUrlQuery): AuditFilters {
  for (const name of Object.keys(query)) {
    if (!(FILTERS as readonly string[]).includes(name) && name !== 'limit' && name !== 'cursor')
      throw ValidationError.at(name, `is not a filter of the audit log; use ${FILTERS.join(', ')}`);
  }
  const out: AuditFilters = {};
  for (const name of FILTERS) {
    const value = filterValue(query, name);
    if (value === undefined) continue;
    if (name === 'source') {
      if (!SOURCES.has(value)) throw ValidationError.at('source', `must be one of ${[...SOURCES].join(', ')}`);
      out.source = value as ActorRef['via'];
    } else if (name === 'from' || name === 'to') out[name] = time(name, value);
    else out[name] = value;
  }
  if (out.from && out.to && out.from >= out.to) throw ValidationError.at('to', 'must be later than from');
  return out;
}

/**
 * The audit log's read routes: a record's history (for whoever may read the record) and the
 * admin-wide query. There are no write routes: the log is append-only through the API.
 */
export function auditRouter(query: AuditQuery, records: RecordsService): Router<TrellisState> {
  const router = new Router<TrellisState>({ prefix: '/api' });

  router.get('/records/:entity/:id/history', async (ctx) => {
    const { entity, id } = ctx.params as { entity: string; id: string };
    const options = paging(ctx.query);
    try {
      await records.get(entity, id, {}, ctx.state.actor);
    } catch (error) {
      // An admin may still read the history of a deleted record.
      if (!(error instanceof NotFoundError) || !ctx.state.actor.isAdmin) throw error;
      const page = await query.history(entity, id, options);
      if (page.data.length === 0 && options.cursor === undefined) throw error;
      ctx.body = page;
      return;
    }
    ctx.body = await query.history(entity, id, options);
  });

  router.get('/audit', async (ctx) => {
    if (!ctx.state.actor.isAdmin) throw new ForbiddenError('Only administrators may query the audit log');
    ctx.body = await query.search(filters(ctx.query), paging(ctx.query));
  });
  return router;
}
