import type { PluginDefinition } from '@trellis/sdk';
import semver from 'semver';
import { dependencyCycle, type UnmetRequirement } from './plugin-errors.js';

/** The plugins a definition requires, by name. */
export function requiredPlugins(definition: PluginDefinition): Array<[string, string]> {
  return Object.entries(definition.requires?.plugins ?? {});
}

/**
 * Orders plugins so that each comes after the plugins it requires (those absent from the list
 * are ignored here); ties keep name order, so the result never depends on folder order.
 * Throws TRELLIS_PLUGIN_DEPENDENCY_CYCLE naming the cycle.
 */
export function dependencyOrder<T extends { definition: PluginDefinition }>(plugins: T[]): T[] {
  const byName = new Map(plugins.map((plugin) => [plugin.definition.name, plugin]));
  const done = new Set<string>();
  const out: T[] = [];
  const visit = (plugin: T, path: string[]) => {
    const { name } = plugin.definition;
    if (done.has(name)) return;
    if (path.includes(name)) throw dependencyCycle([...path.slice(path.indexOf(name)), name]);
    for (const [required] of requiredPlugins(plugin.definition).sort(([a], [b]) => a.localeCompare(b))) {
      const dependency = byName.get(required);
      if (dependency) visit(dependency, [...path, name]);
    }
    done.add(name);
    out.push(plugin);
  };
  for (const plugin of [...plugins].sort((a, b) => a.definition.name.localeCompare(b.definition.name))) visit(plugin, []);
  return out;
}

/** The required plugins whose available version (null: absent) does not satisfy the range. */
export function unmetRequirements(definition: PluginDefinition, versionOf: (name: string) => string | null): UnmetRequirement[] {
  return requiredPlugins(definition)
    .map(([name, range]) => ({ name, range, found: versionOf(name) }))
    .filter((requirement) => requirement.found === null || !satisfies(requirement.found, requirement.range));
}

/** Whether a version is in a range (pre-releases included, so 1.1.0-beta.1 meets ^1.0.0). */
export function satisfies(version: string, range: string): boolean {
  return semver.satisfies(version, range, { includePrerelease: true });
}

/** The plugins among `candidates` that require `name`. */
export function dependantsOf(name: string, candidates: PluginDefinition[]): string[] {
  return candidates
    .filter((definition) => definition.requires?.plugins?.[name] !== undefined)
    .map((definition) => definition.name)
    .sort();
}
