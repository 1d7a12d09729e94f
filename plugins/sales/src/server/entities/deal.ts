import { defineEntity } from '@trellis/sdk';
import { COMPANY, CONTACT, DEAL, PIPELINE, STAGE } from '../names.js';

/**
 * A deal (opportunity). `stage` and `pipeline` place it on a board; the record hooks keep them
 * consistent, set `probability` from the stage unless `probability_manual`, stamp
 * `stage_entered_at`, `won_at`, `lost_at` and `lost_from_stage` (the stage it was lost from), and post the stage history on its timeline.
 * The owner is the system field `owner_id`.
 *
 * @example
 * ```ts
 * await records.create(DEAL, { title: 'Acme — 40 seats', amount: { amount: 24000, currency: 'EUR' }, expected_close: '2026-03-31', company: acmeId });
 * ```
 */
export const dealEntity = defineEntity({
  name: DEAL,
  label: 'Deal',
  description: 'A sales opportunity moving through the stages of a pipeline.',
  fields: [
    { name: 'title', type: 'text', required: true, options: { maxLength: 200 } },
    { name: 'amount', type: 'currency', indexed: true, options: { min: 0, defaultCurrency: 'EUR' } },
    { name: 'expected_close', type: 'date', indexed: true },
    { name: 'probability', type: 'percent', options: { min: 0, max: 100 } },
    { name: 'probability_manual', type: 'boolean', default: false, label: 'Probability set by hand' },
    { name: 'pipeline', type: 'lookup', options: { target: PIPELINE } },
    { name: 'stage', type: 'lookup', options: { target: STAGE } },
    { name: 'company', type: 'lookup', options: { target: COMPANY } },
    { name: 'contact', type: 'lookup', options: { target: CONTACT } },
    { name: 'lost_reason', type: 'text', indexed: true, options: { maxLength: 200 } },
    { name: 'lost_from_stage', type: 'lookup', label: 'Lost at stage', options: { target: STAGE } },
    { name: 'won_at', type: 'datetime', indexed: true },
    { name: 'lost_at', type: 'datetime', indexed: true },
    { name: 'stage_entered_at', type: 'datetime' },
  ],
});
