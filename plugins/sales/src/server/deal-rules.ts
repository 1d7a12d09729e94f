import { ValidationError, type RecordsApi, type TrellisRecord } from '@trellis/sdk';
import { defaultPipeline, firstOpenStage, stageAt, type Stage } from './pipelines.js';
import type { SalesSettings } from './settings.js';

/** Values about to be written (create data or update changes); hooks may change them. */
type Values = Record<string, unknown>;

/**
 * The stage a write puts the deal in, or null when it leaves the stage alone: the stage named,
 * else the first open stage of the pipeline named, else (on create) of the default pipeline.
 * A stage of another pipeline than the one named is a 400 on `stage`.
 */
export async function targetStage(records: RecordsApi, values: Values, before?: TrellisRecord): Promise<Stage | null> {
  const stageGiven = values.stage !== undefined && values.stage !== null && values.stage !== before?.stage;
  const pipelineGiven = values.pipeline !== undefined && values.pipeline !== null && values.pipeline !== before?.pipeline;
  if (stageGiven) {
    const stage = await stageAt(records, values.stage, 'stage');
    const pipeline = values.pipeline ?? before?.pipeline;
    if (values.pipeline !== undefined && values.pipeline !== null && pipeline !== stage.pipeline)
      throw ValidationError.at('stage', 'belongs to another pipeline than the one given');
    return stage;
  }
  if (pipelineGiven) return firstOpenStage(records, String(values.pipeline), 'pipeline');
  if (before) return null;
  const pipeline = await defaultPipeline(records);
  return pipeline ? firstOpenStage(records, pipeline.id, 'pipeline') : null;
}

/**
 * The probability rule: a probability the user writes is theirs (`probability_manual` set) and
 * stage moves keep it; writing null, or setting `probability_manual` to false, hands it back
 * to the stage. Runs before the stage rule, which fills in the stage's probability when the
 * deal is not manual.
 */
export function applyManualProbability(values: Values): void {
  if (values.probability !== undefined && values.probability !== null) values.probability_manual = true;
  else if (values.probability === null) values.probability_manual = false;
}

/** Whether a write leaves the deal's probability following its stage. */
export function followsStage(values: Values, before?: TrellisRecord): boolean {
  const manual = values.probability_manual ?? before?.probability_manual ?? false;
  return manual !== true;
}

/**
 * What entering `stage` does: the pipeline follows the stage, `stage_entered_at` is now, the
 * probability is the stage's unless set by hand, and the kind stamps `won_at` or `lost_at`
 * (a lost deal needs a reason when the settings say so, one of the listed reasons if any).
 */
export function enterStage(values: Values, stage: Stage, settings: SalesSettings, now: string, before?: TrellisRecord): void {
  values.stage = stage.id;
  values.pipeline = stage.pipeline;
  values.stage_entered_at = now;
  if (followsStage(values, before)) values.probability = stage.probability;
  values.won_at = stage.kind === 'won' ? now : null;
  values.lost_at = stage.kind === 'lost' ? now : null;
  if (stage.kind !== 'lost') return;
  // The stage the deal was lost from, for the win/loss analytics per stage.
  values.lost_from_stage = before?.stage ?? null;
  const reason = values.lost_reason !== undefined ? values.lost_reason : before?.lost_reason;
  if (settings.requireLostReason && (typeof reason !== 'string' || reason.trim() === ''))
    throw ValidationError.at('lost_reason', `is required to move a deal to the lost stage "${stage.name}"`);
}

/** A lost reason must be one of the configured ones, when there is a list. */
export function checkLostReason(values: Values, settings: SalesSettings): void {
  const reason = values.lost_reason;
  if (typeof reason !== 'string' || settings.lostReasons.length === 0) return;
  if (!settings.lostReasons.includes(reason))
    throw ValidationError.at('lost_reason', `must be one of the configured reasons: ${settings.lostReasons.join(', ')}`);
}
