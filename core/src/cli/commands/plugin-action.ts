import type { PluginInfo } from '@trellis/sdk';
import { TrellisError } from '../../errors.js';
import { CoreTokens } from '../../tokens.js';
import type { MetadataStore } from '../../entities/metadata-store.js';
import { describeDeclarations } from '../../plugins/plugin-install.js';
import type { PluginHost } from '../../plugins/plugin-host.js';
import { CliError } from '../cli-error.js';
import type { Command } from '../command.js';
import { withTrellis } from '../open-trellis.js';
import { describeChanges } from '../plugin-changes.js';

interface Action {
  verb: 'install' | 'enable' | 'disable' | 'upgrade' | 'uninstall';
  summary: string;
  help: string;
  perform(host: PluginHost, name: string, confirmed: boolean): Promise<unknown>;
}

const ACTIONS: Action[] = [
  {
    verb: 'install',
    summary: 'Install a plugin: create what it declares, run its migrations.',
    help: [
      'Plugins it requires are installed first. Each install is one transaction: a failure leaves the',
      'database as it was. The plugin stays off until `trellis plugin enable <name>`.',
    ].join('\n'),
    perform: (host, name) => host.install(name),
  },
  {
    verb: 'enable',
    summary: 'Enable a plugin, installing it first if needed.',
    help: [
      'Plugins it requires are enabled first. A plugin whose version on disk is newer than the installed',
      'one is upgraded first. Running servers on the same database pick the change up without a restart.',
    ].join('\n'),
    perform: (host, name) => host.enable(name),
  },
  {
    verb: 'disable',
    summary: 'Disable a plugin; its data is kept.',
    help: [
      'Refused while an enabled plugin requires it; the message names them. Running servers on the same',
      'database pick the change up without a restart: its routes answer 404, its hooks and jobs stop.',
    ].join('\n'),
    perform: (host, name) => host.disable(name),
  },
  {
    verb: 'upgrade',
    summary: 'Upgrade an installed plugin to the version on disk.',
    help: [
      'Creates what the new version declares and runs its pending migrations, in one transaction.',
      '`trellis migrate` upgrades every installed plugin that needs it.',
    ].join('\n'),
    perform: (host, name) => host.upgrade(name),
  },
  {
    verb: 'uninstall',
    summary: 'Uninstall a plugin and drop its data (needs --confirm).',
    help: [
      'Disables the plugin, then drops its entities with all their records, its fields on other entities,',
      'its relation types with their relations, and its settings. Refused while another installed',
      'plugin requires it. Without --confirm, says what would be dropped and changes nothing.',
    ].join('\n'),
    perform: (host, name, confirmed) => host.uninstall(name, { confirm: confirmed }),
  },
];

function actionCommand(action: Action): Command {
  const confirmable = action.verb === 'uninstall';
  return {
    name: `plugin ${action.verb}`,
    summary: action.summary,
    arguments: ['<name>'],
    options: confirmable ? { confirm: { type: 'boolean', description: 'Confirm that its entities and data are to be dropped' } } : {},
    help: action.help,
    run: ({ positionals: [name = ''], values }, io) =>
      withTrellis(io, async (trellis) => {
        const before = await trellis.plugins.list();
        if (!before.some((plugin) => plugin.name === name)) throw new CliError(unknownPlugin(name, before));
        try {
          await action.perform(trellis.plugins, name, values.confirm === true);
        } catch (error) {
          if (!(error instanceof TrellisError) || error.code !== 'TRELLIS_CONFIRMATION_REQUIRED') throw error;
          const drops = describeDeclarations(trellis.container.resolve<MetadataStore>(CoreTokens.MetadataStore), name);
          throw new CliError(
            `Uninstalling ${name} drops ${drops}. Nothing was changed; to proceed, run: trellis plugin uninstall ${name} --confirm`,
          );
        }
        const after = await trellis.plugins.list();
        for (const line of describeChanges(before, after, name)) io.out(line);
        return after.find((plugin) => plugin.name === name)?.state === 'failed' ? 1 : 0;
      }),
  };
}

function unknownPlugin(name: string, known: PluginInfo[]): string {
  const names = known.map((plugin) => plugin.name).join(', ');
  return `No plugin named "${name}" was found${names ? ` (found: ${names})` : ''}`;
}

/** `trellis plugin install|enable|disable|upgrade|uninstall <name>`: one lifecycle step each. */
export const pluginActions: Command[] = ACTIONS.map(actionCommand);
