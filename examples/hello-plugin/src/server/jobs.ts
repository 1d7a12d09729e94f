import { Tokens, type JobDefinition } from '@trellis/sdk';
import { GREETING } from './greeting-entity.js';

/** What `count_greeting` is queued with. */
export type CountGreetingPayload = {
  /** The greeting to count. */
  id: string;
};

/**
 * Adds one to a greeting's `times_greeted`. The update is the handler's last step, so a retry
 * only happens when it did not land; a greeting deleted in the meantime is nothing to count.
 *
 * @example
 * ```ts
 * await services.get(Tokens.Jobs).enqueue('count_greeting', { id: greeting.id });
 * ```
 */
export const countGreeting: JobDefinition<CountGreetingPayload> = {
  name: 'count_greeting',
  retries: 3,
  async run({ id }, ctx) {
    const records = ctx.services.get(Tokens.Records);
    const [greeting] = (await records.list(GREETING, { filter: { id: { eq: id } }, limit: 1 })).data;
    if (!greeting) return;
    await records.update(GREETING, id, { times_greeted: Number(greeting.times_greeted ?? 0) + 1 });
  },
};

/**
 * Logs how many greetings exist, every day at 09:00 UTC while the plugin is enabled.
 *
 * @example
 * ```ts
 * definePlugin({ name: 'hello', version: '1.0.0', jobs: [countGreeting, dailyReport] });
 * ```
 */
export const dailyReport: JobDefinition = {
  name: 'daily_report',
  schedule: '0 9 * * *',
  async run(_payload, ctx) {
    const total = await ctx.services.get(Tokens.Records).count(GREETING);
    ctx.services.get(Tokens.Logger).info('greetings so far', { total });
  },
};
