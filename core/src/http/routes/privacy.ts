import Router from '@koa/router';
import type { ParsedUrlQuery } from 'node:querystring';
import { ForbiddenError, TrellisError, ValidationError } from '../../errors.js';
import type { ConsentQuery, ConsentService, PrivacyService, RetentionService } from '../../privacy/index.js';
import type { RecordsService } from '../../records/records-service.js';
import type { TrellisState } from '../context.js';
import { single } from '../query.js';

/** The privacy services the routes use. */
export interface PrivacyRoutesDeps {
  consents: ConsentService;
  privacy: PrivacyService;
  retention: RetentionService;
  /** Checks a person's record is visible (404) and the action allowed (403) under the actor's permissions. */
  records: Pick<RecordsService, 'assertAllowed'>;
}

function consentQuery(query: ParsedUrlQuery): ConsentQuery {
  const out: ConsentQuery = {};
  for (const name of ['entity', 'id', 'purpose', 'status', 'cursor'] as const) {
    const value = single(query, name);
    if (value) out[name] = value;
  }
  const limit = single(query, 'limit');
  if (limit !== undefined) {
    if (!/^\d+$/.test(limit)) throw ValidationError.at('limit', 'must be a whole number');
    out.limit = Number(limit);
  }
  return out;
}

// Erasures destroy a person's data and retention deletes records in bulk: administrators only.
function adminOnly(ctx: { state: TrellisState }, what: string): void {
  if (!ctx.state.actor.isAdmin) throw new ForbiddenError(`Only administrators may ${what}`);
}

/** A subject the caller may not see reads as one that does not exist, named like the service names it. */
function asSubjectProblem(error: unknown): never {
  if (error instanceof TrellisError && error.status === 404) throw ValidationError.at('subject', 'is not a record you can change');
  throw error;
}

/** `/api/privacy`: consents, data-subject export and erasure, retention policies. */
export function privacyRouter(deps: PrivacyRoutesDeps): Router<TrellisState> {
  const router = new Router<TrellisState>({ prefix: '/api/privacy' });
  const subject = (ctx: { params: Record<string, string> }) => ({ entity: ctx.params.entity!, id: ctx.params.id! });

  router.post('/consents', async (ctx) => {
    const { subject: about } = (ctx.request.body ?? {}) as { subject?: { entity?: unknown; id?: unknown } };
    if (typeof about?.entity === 'string' && typeof about.id === 'string')
      await deps.records.assertAllowed(about.entity, about.id, ctx.state.actor, 'update').catch(asSubjectProblem);
    ctx.status = 201;
    ctx.body = { data: await deps.consents.record(ctx.request.body, ctx.state.actor) };
  });
  router.get('/consents', async (ctx) => {
    const query = consentQuery(ctx.query);
    // Everyone's consents are for administrators; one person's, for whoever may read the person.
    if (query.entity && query.id) await deps.records.assertAllowed(query.entity, query.id, ctx.state.actor);
    else adminOnly(ctx, 'list the consents of every person; filter by entity and id');
    ctx.body = await deps.consents.history(query);
  });
  router.get('/subjects/:entity/:id/consents', async (ctx) => {
    await deps.records.assertAllowed(ctx.params.entity!, ctx.params.id!, ctx.state.actor);
    ctx.body = { data: await deps.consents.current(subject(ctx)) };
  });
  router.get('/subjects/:entity/:id/export', async (ctx) => {
    await deps.records.assertAllowed(ctx.params.entity!, ctx.params.id!, ctx.state.actor, 'export');
    ctx.body = { data: await deps.privacy.export(subject(ctx), ctx.state.actor) };
  });
  router.post('/subjects/:entity/:id/erase', async (ctx) => {
    adminOnly(ctx, 'erase a person’s data');
    ctx.body = { data: await deps.privacy.erase(subject(ctx), ctx.request.body, ctx.state.actor) };
  });
  router.post('/retention/run', async (ctx) => {
    adminOnly(ctx, 'run retention policies');
    ctx.body = { data: await deps.retention.run(ctx.state.actor) };
  });
  router.get('/retention/:entity', async (ctx) => {
    adminOnly(ctx, 'read retention policies');
    ctx.body = { data: await deps.retention.get(ctx.params.entity!) };
  });
  router.put('/retention/:entity', async (ctx) => {
    adminOnly(ctx, 'set retention policies');
    ctx.body = { data: await deps.retention.set(ctx.params.entity!, ctx.request.body, ctx.state.actor) };
  });
  router.delete('/retention/:entity', async (ctx) => {
    adminOnly(ctx, 'remove retention policies');
    await deps.retention.remove(ctx.params.entity!);
    ctx.status = 204;
  });
  return router;
}
