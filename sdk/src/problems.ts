/**
 * One problem with one part of a request, as listed in {@link ProblemDetails.errors}.
 *
 * @example
 * ```ts
 * const error: FieldProblem = { path: 'score', message: 'must be an integer' };
 * ```
 */
export interface FieldProblem {
  /** Where the problem is: a field name, `[3].email` in a bulk body, `filter.and[0].score.gt`. */
  path: string;
  /** What is wrong, in plain words. */
  message: string;
}

/**
 * An error response (RFC 9457, `application/problem+json`).
 *
 * @example
 * ```ts
 * const problem: ProblemDetails = {
 *   type: 'https://trellis.dev/problems/validation',
 *   title: 'Invalid request',
 *   status: 400,
 *   detail: '1 field is invalid',
 *   code: 'TRELLIS_VALIDATION',
 *   errors: [{ path: 'email', message: 'must be an email address' }],
 * };
 * ```
 */
export interface ProblemDetails {
  /** A URI naming the kind of problem. */
  type: string;
  /** Short summary of the kind of problem. */
  title: string;
  /** The HTTP status code. */
  status: number;
  /** What went wrong this time. */
  detail: string;
  /** Stable machine-readable code, e.g. `TRELLIS_NOT_FOUND`. */
  code: string;
  /** The request id, to find the request in the server log. */
  instance?: string;
  /** Per-field problems of a validation error. */
  errors?: FieldProblem[];
}
