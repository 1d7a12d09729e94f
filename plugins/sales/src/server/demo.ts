import { Tokens, type PluginContext, type RecordsApi, type TrellisRecord } from '@trellis/sdk';
import { ACTIVITY, ACTIVITY_ABOUT, COMPANY, CONTACT, DEAL, INVOLVES, LEAD } from './names.js';
import { createDefaultPipeline, defaultPipeline, stagesOf, type Stage } from './pipelines.js';
import { DEFAULT_LOST_REASONS } from './settings.js';

const DAY = 86_400_000;
const PRODUCTS = ['Platform licence', 'Support renewal', 'Onboarding package', 'Analytics add-on', 'Team expansion', 'Pilot project'];
const LEADS = [
  {
    first_name: 'Maya',
    last_name: 'Okafor',
    company_name: 'Brightwater Labs',
    email: 'maya.okafor@brightwater.example',
    source: 'website',
    status: 'new',
  },
  {
    first_name: 'Tomás',
    last_name: 'Ferreira',
    company_name: 'Lisboa Freight',
    email: 'tomas@lisboafreight.example',
    source: 'event',
    status: 'contacted',
  },
  {
    first_name: 'Ingrid',
    last_name: 'Holm',
    company_name: 'Nordlys Energi',
    email: 'ingrid.holm@nordlys.example',
    source: 'referral',
    status: 'qualified',
  },
  { first_name: 'Kenji', last_name: 'Watanabe', company_name: null, email: 'kenji.w@gmail.com', source: 'advertising', status: 'new' },
  {
    first_name: 'Amara',
    last_name: 'Diallo',
    company_name: 'Sahel Solar',
    email: 'amara@sahelsolar.example',
    source: 'partner',
    status: 'disqualified',
  },
];

/** A small deterministic generator, so every demo database tells the same story. */
function sequence(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const iso = (time: number) => new Date(time).toISOString();
const day = (time: number) => iso(time).slice(0, 10);

/** One demo deal in `stage`, back-dated so the board has old, rotting and recently closed deals. */
async function seedDeal(
  records: RecordsApi,
  stage: Stage,
  index: number,
  next: () => number,
  people: { company: TrellisRecord; contact: TrellisRecord | undefined },
) {
  const now = Date.now();
  const amount = Math.round(2 + next() * 60) * 1000;
  const lost = stage.kind === 'lost';
  const deal = await records.create(DEAL, {
    title: `${String(people.company.name)} — ${PRODUCTS[index % PRODUCTS.length]}`,
    amount: { amount, currency: 'EUR' },
    expected_close: day(now + Math.round((next() * 150 - 20) * DAY)),
    stage: stage.id,
    company: people.company.id,
    contact: people.contact?.id ?? null,
    ...(lost ? { lost_reason: DEFAULT_LOST_REASONS[index % DEFAULT_LOST_REASONS.length] } : {}),
  });
  // Every fourth open deal has sat in its stage for longer than the stage allows: rotting.
  const daysAgo = stage.kind === 'open' && index % 4 === 0 ? (stage.rotting_days ?? 14) + 5 : Math.round(next() * 10);
  const back: Record<string, unknown> = { stage_entered_at: iso(now - daysAgo * DAY) };
  if (stage.kind === 'won') back.won_at = iso(now - Math.round(next() * 80) * DAY);
  if (lost) back.lost_at = iso(now - Math.round(next() * 80) * DAY);
  return records.update(DEAL, deal.id, back);
}

/**
 * Seeds a living sales pipeline on top of the contacts plugin's demo companies and contacts:
 * about 30 deals across the default pipeline's stages (some rotting, some won, some lost with
 * reasons), a decision maker on each open deal, activities due, overdue and done, and a few
 * leads. Records are written in one transaction, so a failed run leaves nothing and the next
 * one starts again; a database that already has deals is left alone.
 *
 * @example
 * ```ts
 * definePlugin({ name: 'sales', version: '1.0.0', demo: seedSalesDemo });
 * ```
 */
export async function seedSalesDemo(ctx: PluginContext): Promise<void> {
  const records = ctx.services.get(Tokens.Records);
  if ((await records.count(DEAL)) > 0) return;
  const companies = (await records.list(COMPANY, { sort: ['name'], limit: 30 })).data;
  const contacts = (await records.list(CONTACT, { sort: ['last_name'], limit: 200 })).data;
  if (companies.length === 0) return;
  const next = sequence(20_261_123);
  const links: Array<[string, string, string, Record<string, unknown>?]> = [];
  await records.transaction(async (tx) => {
    const pipeline = (await defaultPipeline(tx)) ?? (await createDefaultPipeline(tx));
    const stages = await stagesOf(tx, pipeline.id);
    const plan = stages.flatMap((stage) => new Array<Stage>(stage.kind === 'open' ? 7 : 4).fill(stage));
    for (const [index, stage] of plan.entries()) {
      const company = companies[index % companies.length] as TrellisRecord;
      const contact = contacts.find((candidate) => candidate.company === company.id);
      const deal = await seedDeal(tx, stage, index, next, { company, contact });
      if (contact && stage.kind === 'open') links.push([deal.id, INVOLVES, contact.id, { role: 'decision_maker' }]);
      if (stage.kind !== 'open') continue;
      const due = Date.now() + Math.round((next() * 10 - 4) * DAY);
      const activity = await tx.create(ACTIVITY, {
        kind: (['call', 'meeting', 'task', 'email'] as const)[index % 4],
        subject: `${['Call', 'Meet', 'Send proposal to', 'E-mail'][index % 4]} ${String(contact?.first_name ?? company.name)}`,
        due_at: iso(due),
        reminder_at: iso(due - 15 * 60_000),
        done: due < Date.now() && index % 3 === 0,
        reminded: due < Date.now(),
      });
      links.push([activity.id, ACTIVITY_ABOUT, deal.id]);
    }
    for (const lead of LEADS) await tx.create(LEAD, lead);
  });
  const relations = ctx.services.get(Tokens.Relations);
  for (const [subject, type, object, attributes] of links) {
    const [subjectEntity, objectEntity] = type === INVOLVES ? [DEAL, CONTACT] : [ACTIVITY, DEAL];
    await relations.add({ entity: subjectEntity, id: subject }, type, { entity: objectEntity, id: object }, attributes);
  }
}
