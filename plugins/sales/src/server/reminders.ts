import { Tokens, TrellisError, type JobDefinition, type Services, type TrellisRecord } from '@trellis/sdk';
import { ACTIVITY, ACTIVITY_ABOUT, REMINDER } from './names.js';

/** Activities handled per run; the next run (a minute later) takes the rest. */
const BATCH = 200;

/**
 * Reminds the owner of one activity: a `reminder` entry on the timeline of the activity and of
 * every record it is about (what the admin UI shows as the notification), an e-mail when core
 * has a mailer and the owner an address, then `reminded` is set so it is never sent twice.
 */
async function remind(activity: TrellisRecord, services: Services): Promise<void> {
  const timeline = services.get(Tokens.Timeline);
  const due = typeof activity.due_at === 'string' ? activity.due_at : null;
  const title = `Reminder: ${String(activity.subject)}${due ? ` (due ${due.slice(0, 16).replace('T', ' ')} UTC)` : ''}`;
  const data = { activity: activity.id, owner: (activity.owner_id as string | null) ?? null, due_at: due };
  const about = await services.get(Tokens.Relations).list({ entity: ACTIVITY, id: activity.id }, { type: ACTIVITY_ABOUT, limit: 20 });
  await timeline.post({ record: { entity: ACTIVITY, id: activity.id }, kind: REMINDER, title, data });
  for (const relation of about.data) await timeline.post({ record: relation.object, kind: REMINDER, title, data });
  const owner = typeof activity.owner_id === 'string' ? await services.get(Tokens.Users).get(activity.owner_id) : null;
  if (owner?.active) {
    const text = `${title}\n\n${typeof activity.notes === 'string' ? activity.notes : ''}`.trim();
    try {
      await services.get(Tokens.Mailer).send({ to: owner.email, subject: title, text });
    } catch (error) {
      // Without an SMTP server the timeline entry is the whole reminder; any other failure is retried.
      if (!(error instanceof TrellisError) || error.code !== 'TRELLIS_MAILER_NOT_CONFIGURED') throw error;
      services.get(Tokens.Logger).warn('reminder not e-mailed: no SMTP server is configured', { activity: activity.id });
    }
  }
  await services.get(Tokens.Records).update(ACTIVITY, activity.id, { reminded: true });
}

/**
 * Builds the `send_reminders` job: every minute it finds open activities whose `reminder_at`
 * has passed and that were not reminded yet, and reminds their owners. A failed e-mail fails
 * the run (retried with back-off); activities reminded before it stay reminded.
 *
 * @example
 * ```ts
 * definePlugin({ name: 'sales', version: '1.0.0', jobs: [sendReminders] });
 * ```
 */
export const sendReminders: JobDefinition = {
  name: 'send_reminders',
  schedule: '* * * * *',
  async run(_payload, ctx) {
    const records = ctx.services.get(Tokens.Records);
    const due = await records.list(ACTIVITY, {
      filter: { and: [{ reminder_at: { lte: new Date().toISOString() } }, { reminded: { eq: false } }, { done: { eq: false } }] },
      sort: ['reminder_at'],
      limit: BATCH,
    });
    for (const activity of due.data) await remind(activity, ctx.services);
  },
};
