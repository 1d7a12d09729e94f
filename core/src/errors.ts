import { TrellisError } from '@trellis/sdk';

/**
 * The error classes are the SDK's, so plugins and core throw the same ones and the problem+json
 * middleware (http/problem.ts) is the only place any of them becomes a response.
 */
export { TrellisError, ValidationError, NotFoundError, ConflictError, ForbiddenError } from '@trellis/sdk';

/** No valid credentials came with the request. */
export class UnauthorizedError extends TrellisError {
  constructor(message = 'Sign in or send a bearer token') {
    super(401, 'TRELLIS_UNAUTHENTICATED', 'Authentication required', message);
  }
}
