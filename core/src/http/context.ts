import type { ParameterizedContext } from 'koa';
import type { Actor } from '../auth/actor.js';

/** What middleware leaves on `ctx.state` for the routes after it. */
export interface TrellisState {
  requestId: string;
  /** Set by the auth gate on every /api route except the public ones. */
  actor: Actor;
}

/** The Koa context every Trellis route receives. */
export type TrellisContext = ParameterizedContext<TrellisState>;
