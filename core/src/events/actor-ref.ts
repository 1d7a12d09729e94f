import type { ActorRef } from '@trellis/sdk';
import type { Actor } from '../auth/actor.js';

/**
 * The actor as events, hooks and timeline entries show it: the SDK's {@link ActorRef}, without
 * core-only details (the display name), so what subscribers and webhooks receive stays the
 * documented shape.
 */
export function actorRef(actor: Actor): ActorRef {
  const ref: ActorRef = { userId: actor.userId, isAdmin: actor.isAdmin, via: actor.via };
  if (actor.email !== undefined) ref.email = actor.email;
  if (actor.plugin !== undefined) ref.plugin = actor.plugin;
  return ref;
}
