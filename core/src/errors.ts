import type { FieldProblem } from '@trellis/sdk';

/**
 * Base of every error Trellis reports to a client. The problem+json middleware
 * (http/problem.ts) is the only place these become responses; anything else
 * thrown is a 500 with no internals shown.
 */
export class TrellisError extends Error {
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

/** A request that breaks a rule about its content; lists every offending path. */
export class ValidationError extends TrellisError {
  constructor(errors: FieldProblem[], detail?: string) {
    const count = errors.length;
    super(400, 'TRELLIS_VALIDATION', 'Invalid request', detail ?? describe(errors, count), errors);
  }

  /** Shorthand for the common one-path case. */
  static at(path: string, message: string): ValidationError {
    return new ValidationError([{ path, message }]);
  }
}

function describe(errors: FieldProblem[], count: number): string {
  const first = errors[0];
  if (count === 1 && first) return `${first.path || 'body'}: ${first.message}`;
  return `${count} problems in the request`;
}

/** The thing named in the URL does not exist (or may not be seen). */
export class NotFoundError extends TrellisError {
  constructor(what: string) {
    super(404, 'TRELLIS_NOT_FOUND', 'Not found', `${what} does not exist`);
  }
}

/** The change clashes with the current state (duplicate value, name taken, confirmation missing). */
export class ConflictError extends TrellisError {
  constructor(code: string, message: string, errors?: FieldProblem[]) {
    super(409, code, 'Conflict', message, errors);
  }
}

/** No valid credentials came with the request. */
export class UnauthorizedError extends TrellisError {
  constructor(message = 'Sign in or send a bearer token') {
    super(401, 'TRELLIS_UNAUTHENTICATED', 'Authentication required', message);
  }
}

/** Credentials are valid but the request is refused. */
export class ForbiddenError extends TrellisError {
  constructor(message: string, code = 'TRELLIS_FORBIDDEN') {
    super(403, code, 'Forbidden', message);
  }
}
