#!/usr/bin/env node
import { processIo } from './io.js';
import { runCli } from './run-cli.js';

// Exit explicitly: one-off commands are done once runCli resolves, even if a driver keeps a timer.
runCli(process.argv.slice(2), processIo()).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`Error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
