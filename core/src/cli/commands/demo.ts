import type { Command } from '../command.js';
import { withTrellis } from '../open-trellis.js';

/** `trellis demo`: seeds the demo data of every enabled plugin that has not seeded it yet. */
export const demo: Command = {
  name: 'demo',
  summary: 'Seed the demo data of the enabled plugins, once per plugin, then exit.',
  arguments: [],
  options: {},
  help: [
    'Runs the demo of every enabled plugin whose demo data this database does not hold yet, each',
    'after the plugins it requires, and prints one line per plugin seeded. Running it again seeds',
    'nothing; a plugin enabled later is seeded by the next run (or at once with TRELLIS_DEMO=1).',
    'A failing demo is reported (exit code 1) and tried again next time; the plugin stays enabled.',
    'On a new database the first administrator and the default plugins (TRELLIS_DEFAULT_PLUGINS)',
    'are created first, as on a first start.',
  ].join('\n'),
  run: (_args, io) =>
    withTrellis(
      io,
      async (trellis) => {
        const { seeded, failed } = await trellis.plugins.seedDemo();
        for (const plugin of seeded) io.out(`Seeded the demo data of ${plugin}`);
        for (const { plugin, error } of failed) io.err(`Could not seed the demo data of ${plugin}: ${error}`);
        if (seeded.length === 0 && failed.length === 0)
          io.out('No demo data to seed: every enabled plugin with a demo has seeded it already');
        return failed.length > 0 ? 1 : 0;
      },
      // Seeding here, not while opening, so this run reports what it seeded even with TRELLIS_DEMO=1.
      { demo: false },
    ),
};
