import { Tokens, ValidationError, type PluginRouter, type RouteContext } from '@trellis/sdk';
import { GREETING } from './greeting-entity.js';
import { readSettings } from './settings.js';

/** How many of the newest greetings `random` picks from: one page, no COUNT. */
const RANDOM_POOL = 100;

/** What `POST /greet` accepts: `{ name, language? }`. */
interface GreetRequest {
  name: string;
  language?: string;
}

function readGreetRequest(body: unknown): GreetRequest {
  const input = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (!name) throw ValidationError.at('name', 'is required: the name of whom to greet');
  if (input.language !== undefined && typeof input.language !== 'string') throw ValidationError.at('language', 'must be a string');
  return input.language === undefined ? { name } : { name, language: input.language };
}

/** `GET /greetings/random`: one of the newest greetings, or the configured greeting to the world when there is none yet. */
async function randomGreeting(ctx: RouteContext): Promise<void> {
  const page = await ctx.services.get(Tokens.Records).list(GREETING, { sort: ['-created_at'], limit: RANDOM_POOL, fields: ['message'] });
  const pick = page.data[Math.floor(Math.random() * page.data.length)];
  if (pick) {
    ctx.body = { data: { id: pick.id, message: pick.message } };
    return;
  }
  const { greeting } = await readSettings(ctx.services);
  ctx.body = { data: { id: null, message: `${greeting}, world!` } };
}

/** `POST /greet` `{ name }`: stores `<greeting>, <name>!` as the caller and queues its count. */
async function greet(ctx: RouteContext): Promise<void> {
  const { name, language } = readGreetRequest(ctx.request.body);
  const { greeting } = await readSettings(ctx.services);
  const record = await ctx.services.get(Tokens.Records).create(GREETING, { message: `${greeting}, ${name}!`, language: language ?? null });
  const job = await ctx.services.get(Tokens.Jobs).enqueue('count_greeting', { id: record.id });
  ctx.status = 201;
  ctx.body = { data: record, job: { id: job } };
}

/**
 * The plugin's HTTP routes, mounted at `/api/plugins/hello` while the plugin is enabled (and
 * answering 404 while it is disabled).
 *
 * @example
 * ```ts
 * definePlugin({ name: 'hello', version: '1.0.0', routes: greetingRoutes });
 * ```
 */
export function greetingRoutes(router: PluginRouter): void {
  router.get('/greetings/random', randomGreeting);
  router.post('/greet', greet);
}
