import type { Command } from '../command.js';
import { withTrellis } from '../open-trellis.js';
import { table } from '../table.js';

/** `trellis plugin list`: every discovered plugin with its versions and state. */
export const pluginList: Command = {
  name: 'plugin list',
  summary: 'List the plugins found on disk or installed, with versions and states.',
  arguments: [],
  options: {},
  help: [
    'Columns: the version found on disk, the version installed in the database ("-" when not',
    'installed), the lifecycle state (discovered, installed, enabled, disabled, failed) and, for a',
    'failed plugin, why. Plugins are found in the folders of TRELLIS_PLUGIN_DIRS and in installed',
    'npm packages whose package.json has a "trellis.plugin" entry.',
  ].join('\n'),
  run: (_args, io) =>
    withTrellis(io, async (trellis) => {
      const plugins = await trellis.plugins.list();
      if (plugins.length === 0) {
        io.out('No plugins found.');
        return 0;
      }
      const rows = plugins.map((plugin) => [
        plugin.name,
        plugin.version,
        plugin.installedVersion ?? '-',
        plugin.state,
        plugin.error?.split('\n')[0] ?? '',
      ]);
      for (const line of table(['name', 'version', 'installed', 'state', 'error'], rows)) io.out(line);
      return 0;
    }),
};
