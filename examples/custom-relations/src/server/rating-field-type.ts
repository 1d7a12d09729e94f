import { defineFieldType } from '@trellis/sdk';

/** The field type's name: `<plugin>.<type>`. */
export const RATING = 'custom-relations.rating';

/**
 * A rating of one to five stars. Stored as an integer, so it filters, sorts and indexes like
 * one; its JSON Schema refuses anything outside 1–5, and the admin UI draws it with the
 * plugin's `custom-relations-stars` element. Fields of this type keep working while the plugin
 * is disabled.
 *
 * @example
 * ```ts
 * defineEntity({ name: 'cr_person', label: 'Person', fields: [{ name: 'rating', type: RATING }] });
 * ```
 */
export const ratingFieldType = defineFieldType({
  name: RATING,
  label: 'Rating (1–5 stars)',
  base: 'integer',
  schema: { type: 'integer', minimum: 1, maximum: 5 },
  operators: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'nin', 'between', 'isNull'],
  renderer: 'custom-relations-stars',
});
