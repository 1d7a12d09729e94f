import { ConflictError, Tokens, ValidationError, type RouteContext } from '@trellis/sdk';
import { DEAL } from '../names.js';
import { bodyObject, optionalId } from './input.js';

/**
 * `POST /deals/:id/move` `{ stage, updated_at, lost_reason? }`: moves a deal to a stage if it
 * is still as the caller read it. `updated_at` is the deal's `updated_at` from that read; the
 * check runs on the locked row inside the write's transaction, so of two people dragging the
 * same card one wins and the other gets a 409 carrying the deal as it now is (`current`). The
 * record hooks do the rest (probability, won/lost, lost reason, stage history).
 */
export async function moveDeal(ctx: RouteContext): Promise<void> {
  const body = bodyObject(ctx);
  const stage = optionalId(body, 'stage');
  if (!stage) throw ValidationError.at('stage', 'is required: the id of the stage to move the deal to');
  const version = body.updated_at;
  if (typeof version !== 'string' || Number.isNaN(Date.parse(version)))
    throw ValidationError.at('updated_at', "is required: the deal's updated_at as you read it (optimistic concurrency)");
  const changes: Record<string, unknown> = { stage };
  if (body.lost_reason !== undefined) changes.lost_reason = body.lost_reason;
  const records = ctx.services.get(Tokens.Records);
  const id = ctx.params.id ?? '';
  try {
    ctx.body = { data: await records.update(DEAL, id, changes, { expectedUpdatedAt: version }) };
  } catch (error) {
    if (!(error instanceof ConflictError) || error.code !== 'TRELLIS_STALE_RECORD') throw error;
    const current = await records.get(DEAL, id);
    ctx.set('content-type', 'application/problem+json');
    ctx.status = 409;
    ctx.body = {
      type: 'https://trellis.dev/problems/sales-stale-deal',
      title: 'Conflict',
      status: 409,
      code: 'SALES_STALE_DEAL',
      detail: 'The deal was changed by someone else since you read it; here it is as it is now',
      errors: [{ path: 'updated_at', message: `is ${String(current.updated_at)} now` }],
      current,
    };
  }
}
