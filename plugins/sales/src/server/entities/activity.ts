import { defineEntity } from '@trellis/sdk';
import { ACTIVITY } from '../names.js';

/** What kind of work an activity is. */
export const ACTIVITY_KINDS = [
  { value: 'call', label: 'Call' },
  { value: 'meeting', label: 'Meeting' },
  { value: 'task', label: 'Task' },
  { value: 'email', label: 'E-mail' },
] as const;

/**
 * A call, meeting, task or e-mail to do, linked to any record (a deal, a contact, a company, a
 * lead) by the `sales_activity_about` relation. When `reminder_at` passes and it is not done,
 * the `send_reminders` job e-mails its owner and posts a reminder on the linked records'
 * timelines, then sets `reminded`.
 *
 * @example
 * ```ts
 * await records.create(ACTIVITY, { kind: 'call', subject: 'Follow up on the proposal', due_at: '2026-03-02T09:00:00Z', reminder_at: '2026-03-02T08:45:00Z' });
 * ```
 */
export const activityEntity = defineEntity({
  name: ACTIVITY,
  label: 'Activity',
  pluralLabel: 'Activities',
  description: 'Calls, meetings, tasks and e-mails to do, with due dates and reminders.',
  fields: [
    { name: 'kind', type: 'select', required: true, default: 'task', indexed: true, options: { choices: ACTIVITY_KINDS } },
    { name: 'subject', type: 'text', required: true, options: { maxLength: 200 } },
    { name: 'due_at', type: 'datetime', indexed: true },
    { name: 'done', type: 'boolean', default: false, indexed: true },
    { name: 'reminder_at', type: 'datetime', indexed: true },
    { name: 'reminded', type: 'boolean', default: false },
    { name: 'notes', type: 'long_text' },
  ],
});
