export { runCli } from './run-cli.js';
export { processIo } from './io.js';
export type { CliIo } from './io.js';
