import type { FieldProblem } from './problems.js';

/**
 * Base of every error Trellis reports to a client as problem+json. Core maps these to
 * responses in one place; anything else thrown becomes a 500 with no internals shown.
 * Plugins throw the subclasses below from routes and hooks.
 *
 * @example
 * ```ts
 * throw new TrellisError(402, 'BILLING_QUOTA', 'Quota exceeded', 'This workspace has used its 1,000 monthly sends');
 * ```
 */
export class TrellisError extends Error {
  /**
   * @param status - HTTP status of the response.
   * @param code - Stable machine-readable code (`TRELLIS_…` for core, the plugin's own prefix otherwise).
   * @param title - Short human summary of the kind of problem.
   * @param message - What exactly went wrong; becomes `detail`.
   * @param errors - Offending paths, for validation problems.
   */
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    message: string,
    readonly errors?: FieldProblem[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * A request (or a record a hook inspects) breaks a rule about its content; lists every offending path.
 * A hook that throws it rejects the write and rolls the transaction back: the client gets a 400.
 *
 * @example
 * ```ts
 * if (typeof data.amount === 'number' && data.amount < 0) throw ValidationError.at('amount', 'must not be negative');
 * ```
 */
export class ValidationError extends TrellisError {
  /**
   * @param errors - Every offending path with its message.
   * @param detail - Overrides the summary built from the errors.
   */
  constructor(errors: FieldProblem[], detail?: string) {
    super(400, 'TRELLIS_VALIDATION', 'Invalid request', detail ?? describe(errors), errors);
  }

  /**
   * Shorthand for the common one-path case.
   *
   * @example
   * ```ts
   * throw ValidationError.at('email', 'is already used by another contact');
   * ```
   */
  static at(path: string, message: string): ValidationError {
    return new ValidationError([{ path, message }]);
  }
}

function describe(errors: FieldProblem[]): string {
  const first = errors[0];
  if (errors.length === 1 && first) return `${first.path || 'body'}: ${first.message}`;
  return `${errors.length} problems in the request`;
}

/**
 * The thing named in the request does not exist (or may not be seen): a 404.
 *
 * @example
 * ```ts
 * throw new NotFoundError(`Deal ${id}`); // "Deal 0190… does not exist"
 * ```
 */
export class NotFoundError extends TrellisError {
  /** @param what - What was looked for, e.g. `Record contact/0190…`. */
  constructor(what: string) {
    super(404, 'TRELLIS_NOT_FOUND', 'Not found', `${what} does not exist`);
  }
}

/**
 * The change clashes with the current state (duplicate value, name taken, confirmation missing): a 409.
 *
 * @example
 * ```ts
 * throw new ConflictError('SALES_STAGE_IN_USE', 'Stage "won" still holds 12 deals');
 * ```
 */
export class ConflictError extends TrellisError {
  /**
   * @param code - Stable machine-readable code.
   * @param message - What clashes with what.
   * @param errors - Offending paths, if any.
   */
  constructor(code: string, message: string, errors?: FieldProblem[]) {
    super(409, code, 'Conflict', message, errors);
  }
}

/**
 * Credentials are valid but the request is refused: a 403.
 *
 * @example
 * ```ts
 * if (!ctx.actor.isAdmin) throw new ForbiddenError('Only administrators may change the pipeline');
 * ```
 */
export class ForbiddenError extends TrellisError {
  /**
   * @param message - Why the request is refused.
   * @param code - Stable machine-readable code.
   * @param errors - The fields the caller may not set or see, if the refusal is about fields.
   */
  constructor(message: string, code = 'TRELLIS_FORBIDDEN', errors?: FieldProblem[]) {
    super(403, code, 'Forbidden', message, errors);
  }
}
