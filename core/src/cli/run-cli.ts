import { TrellisError } from '../errors.js';
import { CliError } from './cli-error.js';
import { runCommand, usage, type Command } from './command.js';
import { CORE_PACKAGE } from './core-package.js';
import { demo } from './commands/demo.js';
import { migrate } from './commands/migrate.js';
import { pluginActions } from './commands/plugin-action.js';
import { pluginList } from './commands/plugin-list.js';
import { pluginNew } from './commands/plugin-new.js';
import { start } from './commands/start.js';
import type { CliIo } from './io.js';

const COMMANDS: Command[] = [start, migrate, demo, pluginList, ...pluginActions, pluginNew];

const HELP = new Set(['--help', '-h', 'help']);

function overview(group: string): string {
  const commands = COMMANDS.filter((command) => command.name.startsWith(group));
  const width = Math.max(...commands.map((command) => usage(command).length));
  return [
    `Usage: trellis ${group ? `${group} <command>` : '<command>'} [options]`,
    '',
    ...commands.map((command) => `  ${usage(command).padEnd(width)}  ${command.summary}`),
    '',
    `Run "trellis <command> --help" for details. Plugin commands work on the database of`,
    'TRELLIS_DATABASE_URL (default sqlite:./data/trellis.db), like trellis start.',
  ].join('\n');
}

/** What the arguments ask for: a command and its own arguments, an overview of commands, or something unknown. */
type Request = { command: Command; args: string[] } | { overview: string } | { unknown: string };

function resolveRequest(argv: string[]): Request {
  const [first = 'start', second, ...others] = argv;
  if (HELP.has(first)) return { overview: '' };
  if (first !== 'plugin') {
    const command = COMMANDS.find((candidate) => candidate.name === first);
    return command ? { command, args: argv.slice(1) } : { unknown: `Unknown command "${first}".` };
  }
  if (second === undefined) return { unknown: 'Missing plugin command.' };
  if (HELP.has(second)) return { overview: 'plugin' };
  const command = COMMANDS.find((candidate) => candidate.name === `plugin ${second}`);
  return command ? { command, args: others } : { unknown: `Unknown command "plugin ${second}".` };
}

function report(error: unknown, io: CliIo): number {
  if (error instanceof CliError) {
    io.err(`Error: ${error.message}`);
    return error.exitCode;
  }
  if (error instanceof TrellisError) {
    io.err(`Error: ${error.message} (${error.code})`);
    for (const problem of error.errors ?? []) io.err(`  ${problem.path}: ${problem.message}`);
    return 1;
  }
  io.err(`Error: ${error instanceof Error ? error.message : String(error)}`);
  return 1;
}

/**
 * Runs `trellis <argv…>` and resolves to the process's exit code: 0 on success, 1 when the
 * action failed, 2 on a usage error. Problems are printed as one `Error:` line, never a stack.
 *
 * @example
 * ```ts
 * const code = await runCli(['plugin', 'enable', 'hello'], processIo());
 * ```
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  if (argv[0] === '--version' || argv[0] === '-v') {
    io.out(CORE_PACKAGE.version);
    return 0;
  }
  const request = resolveRequest(argv);
  if ('overview' in request) {
    io.out(overview(request.overview));
    return 0;
  }
  if ('unknown' in request) {
    io.err(`${request.unknown} Run "trellis --help" for the list of commands.`);
    return 2;
  }
  try {
    return await runCommand(request.command, request.args, io);
  } catch (error) {
    return report(error, io);
  }
}
