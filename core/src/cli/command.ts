import { parseArgs } from 'node:util';
import { CliError } from './cli-error.js';
import type { CliIo } from './io.js';

/** One option of a command besides --help. */
export interface CommandOption {
  /** `boolean` for a flag, `string` for an option taking a value. */
  type: 'boolean' | 'string';
  /** One line for --help. */
  description: string;
  /** The value's name in usage lines (`--dir <folder>`); defaults to the option's name. */
  valueName?: string;
}

/** What a command's `run` receives once its arguments are parsed. */
export interface CommandArgs {
  /** Positional arguments, in the order of {@link Command.arguments}. */
  positionals: string[];
  /** Option values by long name. */
  values: Record<string, string | boolean | undefined>;
}

/** One `trellis …` command: its words, its help, and what it does. */
export interface Command {
  /** The words after `trellis`, e.g. `plugin install`. */
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Positional arguments, e.g. `['<name>']`; all required. */
  arguments: string[];
  /** Its options besides --help. */
  options: Record<string, CommandOption>;
  /** What --help prints after the summary. */
  help: string;
  /** Does the work; resolves to the exit code. */
  run(args: CommandArgs, io: CliIo): Promise<number>;
}

function flag(name: string, option: CommandOption): string {
  return option.type === 'string' ? `--${name} <${option.valueName ?? name}>` : `--${name}`;
}

/** The usage line of a command: `trellis plugin new <name> [--dir <folder>]`. */
export function usage(command: Command): string {
  const options = Object.entries(command.options).map(([name, option]) => `[${flag(name, option)}]`);
  return ['trellis', command.name, ...command.arguments, ...options].join(' ');
}

/** The full --help text of a command. */
export function helpText(command: Command): string {
  const options = Object.entries(command.options).map(([name, option]) => `  ${flag(name, option).padEnd(18)} ${option.description}`);
  return [
    `Usage: ${usage(command)}`,
    '',
    command.summary,
    '',
    command.help,
    '',
    'Options:',
    ...options,
    `  ${'--help'.padEnd(18)} Show this help`,
  ].join('\n');
}

/**
 * Parses a command's arguments strictly (unknown options and missing or extra arguments are
 * usage errors) and runs it; `--help` prints its help instead.
 */
export async function runCommand(command: Command, argv: string[], io: CliIo): Promise<number> {
  const options = Object.fromEntries(Object.entries(command.options).map(([name, option]) => [name, { type: option.type }]));
  let parsed: CommandArgs;
  try {
    parsed = parseArgs({
      args: argv,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new CliError(`${(error as Error).message}\nUsage: ${usage(command)}`, 2);
  }
  if (parsed.values.help) {
    io.out(helpText(command));
    return 0;
  }
  const expected = command.arguments.length;
  if (parsed.positionals.length < expected) {
    throw new CliError(`Missing ${command.arguments.slice(parsed.positionals.length).join(' ')}\nUsage: ${usage(command)}`, 2);
  }
  if (parsed.positionals.length > expected) {
    throw new CliError(`Unexpected argument "${parsed.positionals[expected]}"\nUsage: ${usage(command)}`, 2);
  }
  return command.run(parsed, io);
}
