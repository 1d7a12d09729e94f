import { Tokens, ValidationError, type RecordHooks } from '@trellis/sdk';
import { GREETING } from './greeting-entity.js';

/** Trims the message about to be written and refuses one that is only blanks. */
function tidyMessage(values: Record<string, unknown>): void {
  if (!('message' in values)) return;
  if (typeof values.message === 'string') values.message = values.message.trim();
  if (values.message === '') throw ValidationError.at('message', 'must not be blank');
}

/**
 * Record hooks of `hello_greeting`. They run inside the write's transaction: a blank message
 * rolls the whole write back with a 400 naming `message`, and the timeline entry is committed
 * together with the greeting or not at all.
 *
 * @example
 * ```ts
 * definePlugin({ name: 'hello', version: '1.0.0', hooks: [greetingHooks] });
 * ```
 */
export const greetingHooks: RecordHooks = {
  entity: GREETING,
  beforeCreate: (data) => tidyMessage(data),
  beforeUpdate: (changes) => tidyMessage(changes),
  async afterCreate(record, ctx) {
    await ctx.services.get(Tokens.Timeline).post({
      record: { entity: GREETING, id: record.id },
      kind: 'note',
      title: `Greeting created: ${String(record.message)}`,
    });
  },
};
