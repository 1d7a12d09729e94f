import Router from '@koa/router';
import type { ParsedUrlQuery } from 'node:querystring';
import { ValidationError } from '../../errors.js';
import type { ListOptions, ReadOptions } from '../../records/record-reads.js';
import type { RecordsService } from '../../records/records-service.js';
import type { TrellisState } from '../context.js';
import { single } from '../query.js';

const MAX_LIMIT = 1000;

function names(query: ParsedUrlQuery, name: string): string[] | undefined {
  const value = single(query, name);
  return value === undefined
    ? undefined
    : value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean);
}

function filterOf(query: ParsedUrlQuery): unknown {
  const raw = single(query, 'filter');
  if (raw === undefined || raw === '') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw ValidationError.at('filter', 'is not valid JSON');
  }
}

function readOptions(query: ParsedUrlQuery): ReadOptions {
  const out: ReadOptions = {};
  const fields = names(query, 'fields');
  const expand = names(query, 'expand');
  if (fields) out.fields = fields;
  if (expand) out.expand = expand;
  return out;
}

/** Reads the list query string: filter, sort, limit, cursor, fields, expand, q. */
export function listOptions(query: ParsedUrlQuery): ListOptions {
  const out: ListOptions = { ...readOptions(query) };
  const filter = filterOf(query);
  if (filter !== undefined) out.filter = filter;
  const sort = single(query, 'sort');
  if (sort) out.sort = sort;
  const limit = single(query, 'limit');
  if (limit !== undefined) {
    const value = Number(limit);
    if (!Number.isInteger(value) || value < 1 || value > MAX_LIMIT)
      throw ValidationError.at('limit', `must be a whole number from 1 to ${MAX_LIMIT}`);
    out.limit = value;
  }
  const cursor = single(query, 'cursor');
  if (cursor) out.cursor = cursor;
  const text = single(query, 'q');
  if (text) out.q = text;
  return out;
}

/** `/api/records/:entity`: list, count, create (one or many), read, update, delete. */
export function recordsRouter(records: RecordsService): Router<TrellisState> {
  const router = new Router<TrellisState>({ prefix: '/api/records/:entity' });

  router.get('/', async (ctx) => {
    ctx.body = await records.list(ctx.params.entity!, listOptions(ctx.query), ctx.state.actor);
  });
  router.get('/count', async (ctx) => {
    const options = listOptions(ctx.query);
    ctx.body = { count: await records.count(ctx.params.entity!, options, ctx.state.actor) };
  });
  router.post('/', async (ctx) => {
    const created = await records.create(ctx.params.entity!, ctx.request.body, ctx.state.actor);
    ctx.status = 201;
    // Prefer: return=minimal (RFC 7240) spares large imports the echo of every record.
    const minimal = /\breturn=minimal\b/.test(ctx.get('prefer'));
    ctx.body = { data: minimal ? (Array.isArray(created) ? created.map(({ id }) => ({ id })) : { id: created.id }) : created };
  });
  router.get('/:id', async (ctx) => {
    ctx.body = { data: await records.get(ctx.params.entity!, ctx.params.id!, readOptions(ctx.query), ctx.state.actor) };
  });
  router.patch('/:id', async (ctx) => {
    ctx.body = { data: await records.update(ctx.params.entity!, ctx.params.id!, ctx.request.body, ctx.state.actor) };
  });
  router.delete('/:id', async (ctx) => {
    await records.delete(ctx.params.entity!, ctx.params.id!, ctx.state.actor);
    ctx.status = 204;
  });
  return router;
}
