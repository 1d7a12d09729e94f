import { defineEntity } from '@trellis/sdk';
import { COMPANY, CONTACT, DEAL, PIPELINE, STAGE } from '../names.js';

/**
 * A deal (opportunity). `stage` and `pipeline` place it on a board; the record hooks keep them
 * consistent, set `probability` from the stage unless `probability_manual`, stamp
 * `stage_entered_at`, `won_at`, `lost_at` and `lost_from_stage` (the stage it was lost from), and post the stage history on its timeline.
 * `expected_month` is `expected_close` cut to YYYY-MM, kept by the hooks (what a write gives for
 * it is overwritten): the forecast groups by it. The owner is the system field `owner_id`.
 *
 * Two composite indexes hold every column the board totals and the forecast read, so both are
 * answered from an index alone, in group order (no table reads, no sort): see docs/benchmarks.md.
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
    { name: 'expected_month', type: 'text', label: 'Expected close month', options: { maxLength: 7 } },
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
  indexes: [
    // The board's totals: WHERE pipeline = ? GROUP BY stage, summing amount and amount × probability.
    { fields: ['pipeline', 'stage', 'amount', 'probability'] },
    // The forecast: WHERE stage IN (open stages) GROUP BY stage, expected_month, owner_id.
    { fields: ['stage', 'expected_month', 'owner_id', 'amount', 'probability'] },
  ],
});
