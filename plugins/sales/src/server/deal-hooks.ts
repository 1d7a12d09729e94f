import { Tokens, ValidationError, type RecordHookContext, type RecordHooks, type TrellisRecord } from '@trellis/sdk';
import { applyManualProbability, checkLostReason, enterStage, followsStage, targetStage } from './deal-rules.js';
import { deriveExpectedMonth } from './expected-month.js';
import { DEAL, STAGE, STAGE_CHANGE } from './names.js';
import { stageAt } from './pipelines.js';
import { readSettings } from './settings.js';

/** Whole seconds between two instants (0 when the start is unknown). */
function secondsBetween(from: unknown, to: string): number {
  const start = typeof from === 'string' ? Date.parse(from) : NaN;
  return Number.isNaN(start) ? 0 : Math.max(0, Math.round((Date.parse(to) - start) / 1000));
}

/** "3 d 4 h", "2 h 5 min", "40 s": how long a deal stayed in a stage, for the timeline title. */
export function humanDuration(seconds: number): string {
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  if (days) return `${days} d ${hours} h`;
  if (hours) return `${hours} h ${minutes} min`;
  return minutes ? `${minutes} min` : `${seconds} s`;
}

/** Posts the stage move on the deal's timeline, in the write's transaction. */
async function recordStageChange(record: TrellisRecord, before: TrellisRecord, ctx: RecordHookContext): Promise<void> {
  const [from, to] = await Promise.all([
    before.stage ? stageAt(ctx.records, before.stage, 'stage').catch(() => null) : null,
    stageAt(ctx.records, record.stage, 'stage'),
  ]);
  const now = typeof record.stage_entered_at === 'string' ? record.stage_entered_at : new Date().toISOString();
  const spent = secondsBetween(before.stage_entered_at ?? before.created_at, now);
  await ctx.services.get(Tokens.Timeline).post({
    record: { entity: DEAL, id: record.id },
    kind: STAGE_CHANGE,
    title: `Moved from ${from?.name ?? 'no stage'} to ${to.name} after ${humanDuration(spent)}`,
    data: {
      from: from ? { id: from.id, name: from.name, kind: from.kind } : null,
      to: { id: to.id, name: to.name, kind: to.kind },
      secondsInPreviousStage: spent,
      previousStageEnteredAt: typeof before.stage_entered_at === 'string' ? before.stage_entered_at : null,
      by: ctx.actor.userId,
      ...(to.kind === 'lost' ? { lostReason: typeof record.lost_reason === 'string' ? record.lost_reason : null } : {}),
    },
    occurredAt: now,
  });
}

/**
 * Record hooks of `sales_deal`, so the rules hold whichever path writes a deal (the records
 * API, the move route, an import, another plugin): placement in a pipeline and stage,
 * probability following the stage unless set by hand, won/lost stamps and the lost reason,
 * `expected_month` derived from `expected_close`, and the stage history on the timeline, all
 * in the write's transaction.
 *
 * @example
 * ```ts
 * definePlugin({ name: 'sales', version: '1.0.0', hooks: [dealHooks] });
 * ```
 */
export const dealHooks: RecordHooks = {
  entity: DEAL,
  async beforeCreate(data, ctx) {
    deriveExpectedMonth(data);
    const settings = await readSettings(ctx.services);
    applyManualProbability(data);
    checkLostReason(data, settings);
    const stage = await targetStage(ctx.records, data);
    if (stage) enterStage(data, stage, settings, new Date().toISOString());
  },
  async beforeUpdate(changes, ctx) {
    deriveExpectedMonth(changes, ctx.before);
    const settings = await readSettings(ctx.services);
    applyManualProbability(changes);
    checkLostReason(changes, settings);
    const stage = await targetStage(ctx.records, changes, ctx.before);
    if (stage) {
      enterStage(changes, stage, settings, new Date().toISOString(), ctx.before);
      return;
    }
    // Handing the probability back to the stage takes the stage's value at once.
    const current = changes.stage === undefined ? ctx.before.stage : changes.stage;
    const reverted = changes.probability_manual === false || changes.probability === null;
    if (reverted && current && followsStage(changes, ctx.before))
      changes.probability = (await stageAt(ctx.records, current, 'stage')).probability;
  },
  async afterUpdate(record, ctx) {
    if (ctx.changed.includes('stage') && record.stage) await recordStageChange(record, ctx.before, ctx);
  },
};

/** The stage entity's hooks: a stage's pipeline cannot change (its deals would straddle two boards). */
export const stageHooks: RecordHooks = {
  entity: STAGE,
  beforeUpdate(changes, ctx) {
    if (changes.pipeline !== undefined && changes.pipeline !== ctx.before.pipeline)
      throw ValidationError.at('pipeline', 'cannot change: create the stage in the other pipeline instead');
  },
};
