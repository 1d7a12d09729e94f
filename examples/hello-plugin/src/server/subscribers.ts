import { Tokens, type EventSubscriber } from '@trellis/sdk';

/**
 * Logs every new contact, after its transaction committed. Core has no `contact` entity of its
 * own: this fires once a user or another plugin creates one, and never before.
 *
 * @example
 * ```ts
 * definePlugin({ name: 'hello', version: '1.0.0', subscribers: [contactCreated] });
 * ```
 */
export const contactCreated: EventSubscriber = {
  event: 'record.created',
  entity: 'contact',
  handle(event, ctx) {
    // A plugin event's type is any `<plugin>.<name>`, so only its shape tells a record event apart.
    if (!('record' in event)) return;
    ctx.services.get(Tokens.Logger).info('a new contact to say hello to', { id: event.record.id });
  },
};
