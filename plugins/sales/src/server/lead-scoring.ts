import { Tokens, ValidationError, type RecordHookContext, type RecordHooks, type TrellisRecord } from '@trellis/sdk';
import { LEAD } from './names.js';
import { readSettings, type ScoringRule } from './settings.js';

/**
 * A lead's score under the rules: the points of every rule whose filter matches it. Each rule is
 * one COUNT of `id = lead AND filter` in the write's transaction, so rules use the whole filter
 * grammar (dotted lookups, `$relation`) and see the values being written. A rule whose filter
 * no longer fits the lead entity (a field since deleted) is skipped with a warning instead of
 * blocking every lead write.
 */
export async function scoreLead(id: string, rules: ScoringRule[], ctx: RecordHookContext): Promise<number> {
  let score = 0;
  for (const [index, rule] of rules.entries()) {
    try {
      if ((await ctx.records.count(LEAD, { and: [{ id: { eq: id } }, rule.filter] })) > 0) score += rule.points;
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      ctx.services.get(Tokens.Logger).warn('lead scoring rule skipped: its filter does not fit the lead entity', {
        rule: index,
        name: rule.name,
        problem: error.message,
      });
    }
  }
  return score;
}

async function rescore(record: TrellisRecord, ctx: RecordHookContext): Promise<void> {
  const { scoringRules } = await readSettings(ctx.services);
  if (scoringRules.length === 0) return;
  const score = await scoreLead(record.id, scoringRules, ctx);
  // The nested update runs these hooks again; the score is then unchanged and nothing is written.
  if (score !== record.score) await ctx.records.update(LEAD, record.id, { score });
}

/**
 * Record hooks of `sales_lead`: the score is recomputed from the settings' rules after every
 * create and update, before commit (a score written by hand is overwritten while rules exist).
 * Without rules the score is left as written.
 *
 * @example
 * ```ts
 * definePlugin({ name: 'sales', version: '1.0.0', hooks: [leadHooks] });
 * ```
 */
export const leadHooks: RecordHooks = {
  entity: LEAD,
  afterCreate: (record, ctx) => rescore(record, ctx),
  afterUpdate: (record, ctx) => rescore(record, ctx),
};
