import { Tokens, type PluginSettings, type Services } from '@trellis/sdk';

/**
 * The plugin's settings as routes read them. A type alias rather than an interface, so that it
 * is a `JsonObject` as `SettingsApi.get` requires.
 */
export type HelloSettings = {
  /** The word put before a name: `Hello` gives `Hello, Ada!`. */
  greeting: string;
};

/**
 * The settings schema: stored per installation, validated on every write
 * (`PUT /api/plugins/hello/settings`), `greeting` defaulting to `Hello`.
 *
 * @example
 * ```ts
 * definePlugin({ name: 'hello', version: '1.0.0', settings: helloSettings });
 * ```
 */
export const helloSettings: PluginSettings = {
  schema: {
    type: 'object',
    properties: {
      greeting: { type: 'string', minLength: 1, maxLength: 40, default: 'Hello' },
    },
    additionalProperties: false,
  },
};

/**
 * The current settings, stored values over the schema's defaults.
 *
 * @example
 * ```ts
 * const { greeting } = await readSettings(ctx.services);
 * ```
 */
export function readSettings(services: Services): Promise<HelloSettings> {
  return services.get(Tokens.Settings).get<HelloSettings>();
}
