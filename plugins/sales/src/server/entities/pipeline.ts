import { defineEntity } from '@trellis/sdk';
import { PIPELINE, STAGE } from '../names.js';

/** What reaching a stage means for a deal: still open, won, or lost. */
export const STAGE_KINDS = [
  { value: 'open', label: 'Open' },
  { value: 'won', label: 'Won' },
  { value: 'lost', label: 'Lost' },
] as const;

/**
 * A sales pipeline: an ordered set of stages (one per sales process: new business, renewals,
 * partners). One is the default, where deals without a stage start.
 *
 * @example
 * ```ts
 * await records.create(PIPELINE, { name: 'Renewals', is_default: false });
 * ```
 */
export const pipelineEntity = defineEntity({
  name: PIPELINE,
  label: 'Pipeline',
  description: 'A sales process: its stages, in order, from first contact to won or lost.',
  fields: [
    { name: 'name', type: 'text', required: true, indexed: true, options: { maxLength: 120 } },
    { name: 'is_default', type: 'boolean', default: false, indexed: true },
  ],
});

/**
 * A stage of one pipeline: its place (`position`), the probability deals take on entering it
 * (unless set by hand), whether it is open, won or lost, and after how many days without a
 * move a deal in it counts as rotting.
 *
 * @example
 * ```ts
 * await records.create(STAGE, { pipeline: pipelineId, name: 'Demo', position: 15, probability: 25, kind: 'open', rotting_days: 14 });
 * ```
 */
export const stageEntity = defineEntity({
  name: STAGE,
  label: 'Stage',
  description: 'A step of a pipeline, with its default probability and rotting time.',
  fields: [
    { name: 'pipeline', type: 'lookup', required: true, options: { target: PIPELINE } },
    { name: 'name', type: 'text', required: true, options: { maxLength: 80 } },
    { name: 'position', type: 'integer', required: true, indexed: true, default: 0 },
    { name: 'probability', type: 'percent', default: 0, options: { min: 0, max: 100 } },
    { name: 'kind', type: 'select', required: true, default: 'open', indexed: true, options: { choices: STAGE_KINDS } },
    { name: 'rotting_days', type: 'integer', options: { min: 0 } },
  ],
});
