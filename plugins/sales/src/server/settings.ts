import { Tokens, type Filter, type PluginSettings, type Services } from '@trellis/sdk';

/** One lead scoring rule: leads matching `filter` (the records filter grammar) get `points`. */
export type ScoringRule = {
  /** Shown to administrators. */
  name: string;
  /** Conditions on the lead, e.g. `{ "source": { "eq": "referral" } }`. */
  filter: Filter;
  /** Added to the score when the filter matches (negative to subtract). */
  points: number;
};

/** The plugin's settings as its code reads them. */
export type SalesSettings = {
  /** Moving a deal to a lost stage needs a `lost_reason`. */
  requireLostReason: boolean;
  /** The reasons a deal may be lost for; empty: any text. */
  lostReasons: string[];
  /** Lead scoring rules, summed on every write of a lead; none: `score` is left as written. */
  scoringRules: ScoringRule[];
};

/** The reasons offered by default (Odoo's list, more or less). */
export const DEFAULT_LOST_REASONS = ['Too expensive', 'Chose a competitor', 'No budget', 'No decision', 'Missing feature', 'Bad timing'];

/**
 * The settings schema (`PUT /api/plugins/sales/settings`): validated on every write, defaults
 * filled in.
 *
 * @example
 * ```ts
 * definePlugin({ name: 'sales', version: '1.0.0', settings: salesSettings });
 * ```
 */
export const salesSettings: PluginSettings = {
  schema: {
    type: 'object',
    properties: {
      requireLostReason: { type: 'boolean', default: true },
      lostReasons: {
        type: 'array',
        items: { type: 'string', minLength: 1, maxLength: 200 },
        uniqueItems: true,
        maxItems: 100,
        default: DEFAULT_LOST_REASONS,
      },
      scoringRules: {
        type: 'array',
        maxItems: 50,
        default: [],
        items: {
          type: 'object',
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 120 },
            filter: { type: 'object' },
            points: { type: 'integer', minimum: -1000, maximum: 1000 },
          },
          required: ['name', 'filter', 'points'],
          additionalProperties: false,
        },
      },
    },
    additionalProperties: false,
  },
};

/**
 * The current settings, stored values over the schema's defaults.
 *
 * @example
 * ```ts
 * const { requireLostReason } = await readSettings(ctx.services);
 * ```
 */
export async function readSettings(services: Services): Promise<SalesSettings> {
  // Stored as JSON; the schema guarantees the shape, so the filters can be read as filters.
  return (await services.get(Tokens.Settings).get()) as unknown as SalesSettings;
}
