import { defineEntity } from '@trellis/sdk';

/** The entity's name; prefixed with the plugin's so it cannot clash with a user's `greeting`. */
export const GREETING = 'hello_greeting';

/**
 * A greeting the plugin has said: what, in which language, and how often it was counted by the
 * `count_greeting` job.
 *
 * @example
 * ```ts
 * await records.create(GREETING, { message: 'Bonjour, Ada!', language: 'fr' });
 * ```
 */
export const greetingEntity = defineEntity({
  name: GREETING,
  label: 'Greeting',
  description: 'A greeting said by the hello example plugin.',
  fields: [
    { name: 'message', type: 'text', required: true, options: { maxLength: 200 } },
    {
      name: 'language',
      type: 'select',
      options: {
        choices: [
          { value: 'en', label: 'English' },
          { value: 'fr', label: 'French' },
          { value: 'de', label: 'German' },
          { value: 'es', label: 'Spanish' },
        ],
      },
    },
    { name: 'times_greeted', type: 'integer', default: 0, options: { min: 0 } },
  ],
});
