import type { ListQuery, RecordsApi, TrellisRecord } from '@trellis/sdk';
import type { Actor } from '../auth/actor.js';
import { ValidationError } from '../errors.js';
import type { ListOptions, ReadOptions } from './record-reads.js';
import type { RecordsService } from './records-service.js';
import type { RecordsTransaction } from './records-transaction.js';

/** The service's read options from the SDK's (`sort` is a list there, a comma string here). */
function readOptions(query: Pick<ListQuery, 'fields' | 'expand'>): ReadOptions {
  const out: ReadOptions = {};
  if (query.fields) out.fields = query.fields;
  if (query.expand) out.expand = query.expand;
  return out;
}

function listOptions(query: ListQuery): ListOptions {
  const out: ListOptions = readOptions(query);
  if (query.filter !== undefined) out.filter = query.filter;
  if (query.sort?.length) out.sort = query.sort.join(',');
  if (query.limit !== undefined) out.limit = query.limit;
  if (query.cursor) out.cursor = query.cursor;
  if (query.q) out.q = query.q;
  return out;
}

/**
 * The SDK's {@link RecordsApi} over the records service, acting as `actor`: what plugins'
 * routes, jobs, subscribers and hooks use, with validation, hooks and events included. Given
 * a transaction, every read and write joins it (a record hook's `ctx.records`, a plugin
 * migration) and its events wait for that transaction's commit.
 *
 * @example
 * ```ts
 * const records = recordsApi(service, pluginActor('hello'));
 * await records.create('hello_greeting', { message: 'Hello' });
 * ```
 */
export function recordsApi(service: RecordsService, actor: Actor, transaction?: RecordsTransaction): RecordsApi {
  const api: RecordsApi = {
    list: (entity, query = {}) => service.list(entity, listOptions(query), actor, transaction),
    count: (entity, filter) => service.count(entity, filter === undefined ? {} : { filter }, actor, transaction),
    get: (entity, id, options = {}) => service.get(entity, id, readOptions(options), actor, transaction),
    async create(entity, data) {
      // The SDK creates one record at a time; an array would otherwise become a bulk create.
      if (Array.isArray(data)) throw ValidationError.at('body', 'must be a JSON object');
      return (await service.create(entity, data, actor, transaction)) as TrellisRecord;
    },
    update: (entity, id, changes, options = {}) => service.update(entity, id, changes, actor, transaction, options),
    aggregate: (entity, query) => service.aggregate(entity, query, actor, transaction),
    delete: (entity, id) => service.delete(entity, id, actor, transaction),
    transaction: (work) => (transaction ? work(api) : service.inTransaction((tx) => work(recordsApi(service, actor, tx)))),
  };
  return api;
}
