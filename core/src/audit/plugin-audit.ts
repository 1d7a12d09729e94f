import type { JsonObject } from '@trellis/sdk';
import type { AuditLog } from './audit-log.js';
import { actingNow } from './audit-context.js';

/** A plugin lifecycle change as the audit log names it (`plugin.<step>`). */
export type PluginStep = 'installed' | 'enabled' | 'disabled' | 'uninstalled' | 'upgraded' | 'failed';

/** Records a plugin lifecycle change once it is done (a step spans several transactions). */
export type PluginStepRecorder = (plugin: string, step: PluginStep, details: JsonObject) => Promise<void>;

/** The recorder the plugin host calls: the actor is the request's, else core itself. */
export function pluginStepRecorder(audit: AuditLog): PluginStepRecorder {
  return (plugin, step, details) => audit.record({ action: `plugin.${step}`, actor: actingNow(), details: { plugin, ...details } });
}
