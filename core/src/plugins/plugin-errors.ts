import { ConflictError, NotFoundError, TrellisError } from '../errors.js';

/** A required plugin that is absent, or present in a version outside the required range. */
export interface UnmetRequirement {
  name: string;
  range: string;
  /** The version found (on disk, or installed), or null when the plugin is not there at all. */
  found: string | null;
}

/** Why an installed plugin has no code in this process. */
export const PACKAGE_NOT_FOUND = 'its package was not found in the plugin folders or node_modules';

/** No plugin of that name was discovered, given inline or installed. */
export function unknownPlugin(name: string): NotFoundError {
  return new NotFoundError(`Plugin "${name}"`);
}

/** Required plugins are missing; the message names each with its range. */
export function dependencyMissing(plugin: string, verb: string, missing: UnmetRequirement[]): ConflictError {
  const list = missing.map((requirement) => `${requirement.name} ${requirement.range}`).join(', ');
  return new ConflictError(
    'TRELLIS_PLUGIN_DEPENDENCY_MISSING',
    `cannot ${verb} "${plugin}": it requires plugins that were not found: ${list}`,
  );
}

/** A version does not satisfy a range: core's, or a required plugin's. */
export function versionMismatch(plugin: string, verb: string, mismatches: UnmetRequirement[]): ConflictError {
  const list = mismatches.map((requirement) => `${requirement.name} ${requirement.range} (found ${requirement.found})`).join(', ');
  return new ConflictError('TRELLIS_PLUGIN_VERSION_MISMATCH', `cannot ${verb} "${plugin}": versions do not match: ${list}`);
}

/** The installed version is newer than the one on disk: going back is not supported. */
export function downgrade(plugin: string, installed: string, onDisk: string): ConflictError {
  return new ConflictError(
    'TRELLIS_PLUGIN_VERSION_MISMATCH',
    `plugin "${plugin}" ${installed} is installed but ${onDisk} was found; downgrades are not supported`,
  );
}

/** Plugins require each other in a circle; the message shows it. */
export function dependencyCycle(cycle: string[]): ConflictError {
  return new ConflictError('TRELLIS_PLUGIN_DEPENDENCY_CYCLE', `plugins require each other in a cycle: ${cycle.join(' → ')}`);
}

/** Other plugins still need this one. */
export function requiredBy(plugin: string, verb: string, which: 'enabled' | 'installed', dependants: string[]): ConflictError {
  return new ConflictError(
    'TRELLIS_PLUGIN_REQUIRED_BY',
    `cannot ${verb} "${plugin}": ${which} plugins depend on it: ${dependants.join(', ')}`,
  );
}

/** The plugin is not installed, so the step makes no sense yet. */
export function notInstalled(plugin: string, verb: string): ConflictError {
  return new ConflictError('TRELLIS_PLUGIN_NOT_INSTALLED', `cannot ${verb} "${plugin}": it is not installed`);
}

/** The step needs the plugin to run in this process. */
export function notEnabled(plugin: string, verb: string): ConflictError {
  return new ConflictError('TRELLIS_PLUGIN_NOT_ENABLED', `cannot ${verb} "${plugin}": it is not enabled`);
}

/** The plugin's module could not be loaded (or is gone), so nothing of it can run. */
export function unavailable(plugin: string, verb: string, reason: string): ConflictError {
  return new ConflictError('TRELLIS_PLUGIN_UNAVAILABLE', `cannot ${verb} "${plugin}": ${reason}`);
}

/** Uninstalling drops data: the caller must repeat the name. */
export function confirmationRequired(plugin: string, drops: string): ConflictError {
  return new ConflictError(
    'TRELLIS_CONFIRMATION_REQUIRED',
    `uninstalling "${plugin}" drops ${drops}; send {"confirm":"${plugin}"} to proceed`,
  );
}

/** The plugin's own code failed during a lifecycle step; it is now marked failed with this message. */
export class PluginFailedError extends TrellisError {
  constructor(plugin: string, step: string, message: string) {
    super(500, 'TRELLIS_PLUGIN_FAILED', 'Plugin failed', `plugin "${plugin}" failed to ${step}: ${message}`);
  }
}

/** The message of anything thrown, for the plugin's `error`. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
