import { createLogger, type Logger } from '../logger.js';

/** What a CLI command may touch besides the database: output, logs, environment, folder, and when to stop. */
export interface CliIo {
  /** Writes one line of results. */
  out(line: string): void;
  /** Writes one line of problems. */
  err(line: string): void;
  /** The logger of the Trellis a command opens: `info` for the server, `warn` for one-off commands. */
  logger(level: 'info' | 'warn'): Logger;
  /** The environment (TRELLIS_DATABASE_URL and the other settings of docs/reference/configuration.md). */
  env: NodeJS.ProcessEnv;
  /** The folder relative paths start from. */
  cwd: string;
  /** Resolves when a long-running command (`start`) should stop: SIGINT or SIGTERM for the real process. */
  stopped(): Promise<void>;
}

/** The CLI's I/O as a process sees it. */
export function processIo(): CliIo {
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    logger: (level) => createLogger(level),
    env: process.env,
    cwd: process.cwd(),
    stopped: () =>
      new Promise((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      }),
  };
}
