import type { Logger } from '../logger.js';
import { errorMessage } from './plugin-errors.js';
import type { PluginHost } from './plugin-host.js';

/**
 * Enables the default plugins (TRELLIS_DEFAULT_PLUGINS) on the first start of a new database,
 * so a newcomer sees companies and contacts at once. One that is not found or fails is a
 * warning, never a reason not to start: a server without plugin folders is still a server.
 * Answers the plugins it enabled.
 */
export async function enableDefaultPlugins(plugins: PluginHost, names: readonly string[], logger: Logger): Promise<string[]> {
  const enabled: string[] = [];
  for (const name of names) {
    try {
      await plugins.enable(name);
      enabled.push(name);
    } catch (error) {
      logger.warn('default plugin not enabled', { plugin: name, error: errorMessage(error) });
    }
  }
  return enabled;
}
