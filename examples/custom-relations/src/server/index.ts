import { definePlugin } from '@trellis/sdk';
import { COMPANY, PERSON } from './entities.js';
import { RATING, ratingFieldType } from './rating-field-type.js';
import { mentors, sponsors } from './relation-types.js';

/**
 * The custom-relations example plugin: relation types declared in code (with attributes and
 * cardinality) and a field type of its own, built only on `@trellis/sdk`.
 */
export default definePlugin({
  name: 'custom-relations',
  version: '1.0.0',
  description: 'Mentoring and sponsoring relation types, and a 1–5 star rating field type',
  requires: { core: '^0.1.0' },
  fieldTypes: [ratingFieldType],
  entities: [PERSON, COMPANY],
  relationTypes: [mentors, sponsors],
  ui: {
    fieldRenderers: [{ fieldType: RATING, element: 'custom-relations-stars' }],
  },
});
