/**
 * A failure the CLI reports as one line, without a stack: bad arguments (exit code 2) or a
 * refused action (exit code 1).
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
