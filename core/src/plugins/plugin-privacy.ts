import { Tokens, type PluginPrivacy, type PrivacyContext } from '@trellis/sdk';
import type { Actor } from '../auth/actor.js';
import type { RecordsTransaction } from '../records/records-transaction.js';
import type { MountedPlugin } from './plugin-runtime.js';
import { pluginServices, type PluginServiceDeps } from './plugin-services.js';

/** An enabled plugin's part in data-subject requests, with the context its hooks receive. */
export interface PluginPrivacyHook {
  plugin: string;
  privacy: PluginPrivacy;
  context: PrivacyContext;
}

/**
 * The privacy hooks of the given mounted plugins, in mount (dependency) order, each with
 * services acting as `actor` inside `transaction`, so what a hook erases commits or rolls back
 * with the erasure.
 */
export function privacyHooksOf(
  mounted: Iterable<MountedPlugin>,
  deps: PluginServiceDeps,
  actor: Actor,
  transaction: RecordsTransaction,
): PluginPrivacyHook[] {
  return [...mounted].flatMap(({ definition }) => {
    if (!definition.privacy) return [];
    const services = pluginServices(deps, definition.name, actor, transaction);
    const context: PrivacyContext = { plugin: definition.name, services, records: services.get(Tokens.Records) };
    return [{ plugin: definition.name, privacy: definition.privacy, context }];
  });
}
