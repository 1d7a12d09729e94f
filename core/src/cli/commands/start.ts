import { createTrellis } from '../../app.js';
import type { Command } from '../command.js';
import { announceFirstAdmin } from '../open-trellis.js';

/** `trellis start`: migrate, create the first admin if needed, serve until stopped. */
export const start: Command = {
  name: 'start',
  summary: 'Start the server (the default command).',
  arguments: [],
  options: {},
  help: [
    'Migrates the database, creates the first administrator if there is no user yet (its password',
    'is printed once), starts the enabled plugins (upgrading those whose version on disk is newer),',
    'runs jobs and serves the API and the admin UI until SIGINT or SIGTERM. Settings come from the',
    'environment: TRELLIS_DATABASE_URL, PORT, HOST and the others of docs/reference/configuration.md.',
  ].join('\n'),
  async run(_args, io) {
    const trellis = await createTrellis({ env: io.env, logger: io.logger('info') });
    let url: string;
    try {
      url = await trellis.listen();
    } catch (error) {
      await trellis.close();
      throw error;
    }
    announceFirstAdmin(trellis, io);
    io.out(`Trellis is listening on ${url} (database: ${trellis.db.dialect})`);
    await io.stopped();
    await trellis.close();
    return 0;
  },
};
