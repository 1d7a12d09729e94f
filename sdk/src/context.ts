import type { ActorRef } from './actors.js';
import type { PermissionAction, RouteOptions } from './permissions.js';
import type { TrellisRecord } from './records.js';
import type { RecordsApi, Services } from './services.js';

/**
 * What a plugin's code receives outside a request: its name and core's services, acting as
 * the plugin itself (records it creates have no `created_by`).
 *
 * @example
 * ```ts
 * async function setup(ctx: PluginContext): Promise<void> {
 *   ctx.services.get(Tokens.Logger).info(`${ctx.plugin} ready`);
 * }
 * ```
 */
export interface PluginContext {
  /** The plugin's name. */
  readonly plugin: string;
  /** Core's services, scoped to the plugin (its settings, its job names, its log lines). */
  readonly services: Services;
}

/**
 * The Koa context a plugin route receives, as far as plugins may rely on it. `actor` and
 * `services` are bound to the signed-in user.
 *
 * @example
 * ```ts
 * const hello: RouteHandler = (ctx) => {
 *   ctx.body = { data: { message: `Hello ${ctx.actor.email ?? 'there'}` } };
 * };
 * ```
 */
export interface RouteContext {
  /** Route parameters (`/greetings/:id` → `params.id`). */
  readonly params: Record<string, string>;
  /** The parsed query string. */
  readonly query: Record<string, string | string[] | undefined>;
  /** The request: its parsed JSON body and headers. */
  readonly request: { readonly body?: unknown; readonly headers: Record<string, string | string[] | undefined> };
  /** HTTP method. */
  readonly method: string;
  /** The full path, `/api/plugins/<name>/…`. */
  readonly path: string;
  /** The response body; objects are sent as JSON. */
  body: unknown;
  /** The response status (200 by default once a body is set). */
  status: number;
  /** Sets a response header. */
  set(field: string, value: string): void;
  /** Reads a request header ('' when absent). */
  get(field: string): string;
  /** Who is calling. */
  readonly actor: ActorRef;
  /** Core's services, acting as the caller. */
  readonly services: Services;
  /** The plugin whose route this is. */
  readonly plugin: string;
  /**
   * Whether the caller may do `action` on the entity: on a given record (its owner and team
   * decide), or on at least some records when none is given.
   */
  can(action: PermissionAction, entity: string, record?: TrellisRecord): boolean;
}

/**
 * A route handler (Koa middleware signature). Throw {@link TrellisError} subclasses for 4xx answers.
 *
 * @example
 * ```ts
 * const list: RouteHandler = async (ctx) => {
 *   ctx.body = await ctx.services.get(Tokens.Records).list('hello_greeting', { limit: 20 });
 * };
 * ```
 */
export type RouteHandler = (ctx: RouteContext, next: () => Promise<void>) => unknown;

/**
 * The router a plugin's `routes` function fills; mounted at `/api/plugins/<name>`, behind
 * sign-in, and unmounted when the plugin is disabled. Paths are relative to the mount point.
 * `install`, `enable`, `disable`, `uninstall`, `upgrade` and `settings` at the top level are
 * the plugin manager's.
 *
 * @example
 * ```ts
 * const routes = (router: PluginRouter) => {
 *   router.get('/hello', (ctx) => { ctx.body = { data: 'hello' }; });
 *   router.post('/greetings', async (ctx) => { ctx.status = 201; ctx.body = { data: await create(ctx) }; });
 * };
 * ```
 */
export interface PluginRouter {
  /** Adds a GET route; optional {@link RouteOptions} first (e.g. a required permission). */
  get(path: string, ...handlers: RouteHandler[]): PluginRouter;
  get(path: string, options: RouteOptions, ...handlers: RouteHandler[]): PluginRouter;
  /** Adds a POST route. */
  post(path: string, ...handlers: RouteHandler[]): PluginRouter;
  post(path: string, options: RouteOptions, ...handlers: RouteHandler[]): PluginRouter;
  /** Adds a PUT route. */
  put(path: string, ...handlers: RouteHandler[]): PluginRouter;
  put(path: string, options: RouteOptions, ...handlers: RouteHandler[]): PluginRouter;
  /** Adds a PATCH route. */
  patch(path: string, ...handlers: RouteHandler[]): PluginRouter;
  patch(path: string, options: RouteOptions, ...handlers: RouteHandler[]): PluginRouter;
  /** Adds a DELETE route. */
  delete(path: string, ...handlers: RouteHandler[]): PluginRouter;
  delete(path: string, options: RouteOptions, ...handlers: RouteHandler[]): PluginRouter;
}

/**
 * What every record hook receives besides the record: the entity, the actor, and services whose
 * `records` joins the hook's transaction (a write there commits or rolls back with the change).
 *
 * @example
 * ```ts
 * const afterCreate = async (record: TrellisRecord, ctx: RecordHookContext) => {
 *   await ctx.records.create('audit_note', { text: `${ctx.entity} ${record.id} created` });
 * };
 * ```
 */
export interface RecordHookContext extends PluginContext {
  /** The entity being written. */
  readonly entity: string;
  /** Who is writing. */
  readonly actor: ActorRef;
  /** Records, inside the same transaction as the write that triggered the hook. */
  readonly records: RecordsApi;
}
