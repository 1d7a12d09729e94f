import { AsyncLocalStorage } from 'node:async_hooks';
import type { ActorRef } from '@trellis/sdk';
import type { Middleware } from 'koa';
import type { Actor } from '../auth/actor.js';
import type { TrellisState } from '../http/context.js';

/** Who is acting in the request being served, and its request id. */
export interface AuditRequest {
  actor: Actor;
  requestId: string;
}

const current = new AsyncLocalStorage<AuditRequest>();

/**
 * Wraps the auth gate so that everything the request's routes do (metadata changes, plugin
 * lifecycle steps, events announced after commit) can tell who acts, without every service
 * taking the actor as a parameter.
 */
export function withAuditContext(gate: Middleware<TrellisState>): Middleware<TrellisState> {
  return async (ctx, next) => {
    await gate(ctx, async () => {
      const { actor, requestId } = ctx.state;
      if (actor) await current.run({ actor, requestId: actor.requestId ?? requestId }, next);
      else await next();
    });
  };
}

/** The request being served, when the code runs on behalf of one. */
export function currentRequest(): AuditRequest | undefined {
  return current.getStore();
}

/** Who acts when no request is being served (start-up, a job): core itself. */
export const SYSTEM_ACTOR: ActorRef = { userId: null, isAdmin: true, via: 'system' };

/** The actor of the request being served, else core itself. */
export function actingNow(): ActorRef {
  return currentRequest()?.actor ?? SYSTEM_ACTOR;
}
