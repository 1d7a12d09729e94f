#!/usr/bin/env node
import { createTrellis } from '../app.js';

/** `trellis start` (the default): migrate, create the first admin if needed, serve. */
async function start(): Promise<void> {
  const trellis = await createTrellis();
  const url = await trellis.listen();
  const { bootstrap } = trellis;
  if (bootstrap.created) {
    const lines = [`First admin created: ${bootstrap.email}`];
    lines.push(
      bootstrap.generatedPassword
        ? `Password (shown only this once): ${bootstrap.generatedPassword}`
        : 'Password: the value of TRELLIS_ADMIN_PASSWORD',
    );
    process.stdout.write(`\n${lines.map((line) => `  ${line}`).join('\n')}\n\n`);
  }
  process.stdout.write(`Trellis is listening on ${url} (database: ${trellis.db.dialect})\n`);
  const stop = () => {
    trellis.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

const command = process.argv[2] ?? 'start';
if (command !== 'start') {
  process.stderr.write(`Unknown command "${command}". Usage: trellis [start]\n`);
  process.exit(2);
}
start().catch((error: unknown) => {
  process.stderr.write(`Trellis could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
