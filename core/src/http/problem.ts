import type { ProblemDetails } from '@trellis/sdk';
import type { Context, Next } from 'koa';
import { TrellisError } from '../errors.js';
import type { Logger } from '../logger.js';

const TYPE_BASE = 'https://trellis.dev/problems/';

/** Errors raised by koa's body parser and http-errors carry an expose flag and a status. */
interface HttpLikeError {
  status?: number;
  statusCode?: number;
  expose?: boolean;
  type?: string;
  message?: string;
}

function fromHttpError(error: HttpLikeError): TrellisError | null {
  const status = error.status ?? error.statusCode;
  if (!status || status < 400 || status >= 500) return null;
  if (status === 413 || error.type === 'entity.too.large') {
    return new TrellisError(413, 'TRELLIS_BODY_TOO_LARGE', 'Request body too large', 'The request body is larger than the server accepts');
  }
  if (/only supports object and array/i.test(error.message ?? '')) {
    return new TrellisError(400, 'TRELLIS_INVALID_BODY', 'Invalid request', 'The body must be a JSON object or array', [
      { path: 'body', message: 'must be a JSON object or array' },
    ]);
  }
  if (error.type === 'entity.parse.failed' || /JSON/i.test(error.message ?? '')) {
    return new TrellisError(400, 'TRELLIS_INVALID_JSON', 'Invalid JSON', 'The request body is not valid JSON', [
      { path: 'body', message: 'is not valid JSON' },
    ]);
  }
  if (status === 415) {
    return new TrellisError(415, 'TRELLIS_UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type', 'Send the body as application/json');
  }
  return new TrellisError(status, 'TRELLIS_HTTP_ERROR', 'Request error', error.expose ? (error.message ?? 'Bad request') : 'Bad request');
}

/**
 * The one place where errors become responses: RFC 9457 problem details for every failure,
 * never a stack trace. Unknown errors are logged with the request id and answered as a bare 500.
 */
export function problemMiddleware(logger: Logger) {
  return async function problems(ctx: Context, next: Next): Promise<void> {
    try {
      await next();
      // The routers answer unknown paths and methods with an empty body; give it a problem (the
      // router's Allow header stays on a 405).
      if (ctx.body === undefined && ctx.path.startsWith('/api')) {
        if (ctx.status === 404)
          respond(ctx, new TrellisError(404, 'TRELLIS_ROUTE_NOT_FOUND', 'Not found', `No route for ${ctx.method} ${ctx.path}`));
        else if (ctx.status === 405)
          respond(
            ctx,
            new TrellisError(
              405,
              'TRELLIS_METHOD_NOT_ALLOWED',
              'Method not allowed',
              `${ctx.method} is not allowed here; use ${ctx.response.get('allow')}`,
            ),
          );
        else if (ctx.status === 501)
          respond(
            ctx,
            new TrellisError(501, 'TRELLIS_METHOD_NOT_IMPLEMENTED', 'Not implemented', `${ctx.method} is not a method this API knows`),
          );
      }
    } catch (caught) {
      const known = caught instanceof TrellisError ? caught : fromHttpError(caught as HttpLikeError);
      if (known) return respond(ctx, known);
      logger.error('unhandled error', { requestId: ctx.state.requestId as string, error: caught });
      respond(
        ctx,
        new TrellisError(500, 'TRELLIS_INTERNAL', 'Internal error', 'The server failed to handle the request; it has been logged'),
      );
    }
  };
}

function respond(ctx: Context, error: TrellisError): void {
  const body: ProblemDetails = {
    type: `${TYPE_BASE}${error.code
      .replace(/^TRELLIS_/, '')
      .toLowerCase()
      .replace(/_/g, '-')}`,
    title: error.title,
    status: error.status,
    detail: error.message,
    code: error.code,
    instance: ctx.state.requestId as string,
  };
  if (error.errors) body.errors = error.errors;
  ctx.status = error.status;
  ctx.type = 'application/problem+json';
  ctx.body = body;
}
