import type { PluginInfo } from '@trellis/sdk';
import semver from 'semver';
import { readConfig } from '../../config.js';
import { openDatabase } from '../../db/connect.js';
import { PluginStateStore } from '../../plugins/plugin-state.js';
import type { Command } from '../command.js';
import type { CliIo } from '../io.js';
import { withTrellis } from '../open-trellis.js';

/** An installed plugin whose version on disk is newer than the installed one. */
function pending(plugin: PluginInfo): boolean {
  const { installedVersion, version } = plugin;
  return installedVersion !== null && semver.valid(version) !== null && semver.gt(version, installedVersion);
}

/** The installed versions as stored before Trellis opens: opening it upgrades enabled plugins already. */
async function storedVersions(io: CliIo): Promise<Map<string, string>> {
  const db = openDatabase(readConfig(io.env).databaseUrl);
  try {
    if (!(await db.knex.schema.hasTable('trellis_plugins'))) return new Map();
    const rows = [...(await new PluginStateStore(db).all()).values()];
    return new Map(rows.flatMap((row): Array<[string, string]> => (row.version ? [[row.name, row.version]] : [])));
  } finally {
    await db.close();
  }
}

/** `trellis migrate`: system tables, then every installed plugin whose version on disk is newer. */
export const migrate: Command = {
  name: 'migrate',
  summary: "Migrate Trellis's tables and upgrade installed plugins, then exit.",
  arguments: [],
  options: {},
  help: [
    "Brings Trellis's system tables up to date, then upgrades every installed plugin whose version",
    'on disk is newer than the installed one: what it newly declares is created and its pending',
    'migrations run, in one transaction per plugin. A plugin that fails to upgrade is reported and',
    'left as it was; the others are still upgraded, and the exit code is 1. Run it when deploying,',
    'before starting the new servers.',
  ].join('\n'),
  async run(_args, io) {
    const stored = await storedVersions(io);
    return withTrellis(io, async (trellis) => {
      io.out(`System tables are up to date (database: ${trellis.db.dialect})`);
      const problems = new Map<string, string>();
      for (const plugin of (await trellis.plugins.list()).filter(pending)) {
        await trellis.plugins.upgrade(plugin.name).catch((error: unknown) => {
          problems.set(plugin.name, error instanceof Error ? error.message : String(error));
        });
      }
      let reported = 0;
      let failed = 0;
      for (const plugin of await trellis.plugins.list()) {
        const from = stored.get(plugin.name);
        if (from && plugin.installedVersion && plugin.installedVersion !== from) {
          io.out(`Upgraded ${plugin.name} from ${from} to ${plugin.installedVersion}`);
          reported += 1;
        } else if (pending(plugin)) {
          io.err(`Could not upgrade ${plugin.name} to ${plugin.version}: ${problems.get(plugin.name) ?? plugin.error ?? 'unknown error'}`);
          reported += 1;
          failed += 1;
        }
      }
      if (reported === 0) io.out('No plugin upgrade pending');
      return failed > 0 ? 1 : 0;
    });
  },
};
