import type { ActorRef } from '@trellis/sdk';

/** What a personal API token may do: `read` allows only GET, HEAD and OPTIONS. */
export type TokenScope = 'read' | 'write';

/**
 * Who is acting: a signed-in user (bearer, personal API token or cookie), core itself, a job or
 * a plugin. The SDK's {@link ActorRef} plus the user's display name.
 */
export interface Actor extends ActorRef {
  /** The user's display name ('' when no user acts). */
  name: string;
  /** The scope of the personal API token the request came with (`via: 'token'` only). */
  tokenScope?: TokenScope;
}

/** The actor of work a plugin does on its own (jobs, subscribers, migrations). */
export function pluginActor(plugin: string, via: 'plugin' | 'job' = 'plugin'): Actor {
  return { userId: null, name: '', isAdmin: true, via, plugin };
}
