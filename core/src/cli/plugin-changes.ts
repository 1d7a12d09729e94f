import type { PluginInfo } from '@trellis/sdk';

/**
 * One line per plugin whose state or installed version differs between two listings, so that
 * an action that also installs or enables the plugins it requires says so. The target's line
 * comes last (what it requires was dealt with first), and says so when nothing changed.
 */
export function describeChanges(before: PluginInfo[], after: PluginInfo[], target: string): string[] {
  const previous = new Map(before.map((plugin) => [plugin.name, plugin]));
  const changed = (plugin: PluginInfo) => {
    const was = previous.get(plugin.name);
    return was ? describeChange(was, plugin) : null;
  };
  const lines = after.filter((plugin) => plugin.name !== target).flatMap((plugin) => changed(plugin) ?? []);
  const self = after.find((plugin) => plugin.name === target);
  if (self) {
    const version = self.installedVersion ? ` at ${self.installedVersion}` : '';
    lines.push(changed(self) ?? `Nothing to do: ${self.name} is ${self.state}${version}`);
  }
  return lines;
}

function describeChange(was: PluginInfo, now: PluginInfo): string | null {
  const { name, installedVersion } = now;
  if (now.state === 'failed' && (was.state !== 'failed' || was.error !== now.error))
    return `${name} failed: ${now.error ?? 'unknown error'}`;
  if (was.installedVersion && installedVersion && was.installedVersion !== installedVersion) {
    return `Upgraded ${name} from ${was.installedVersion} to ${installedVersion}`;
  }
  if (was.state === now.state) return null;
  if (was.installedVersion && !installedVersion) return `Uninstalled ${name} (its entities and data were dropped)`;
  if (now.state === 'installed') return `Installed ${name} ${installedVersion ?? now.version}`;
  if (now.state === 'enabled')
    return `${was.installedVersion ? 'Enabled' : 'Installed and enabled'} ${name} ${installedVersion ?? now.version}`;
  if (now.state === 'disabled') return `Disabled ${name} (its data is kept)`;
  return `${name} is ${now.state}`;
}
