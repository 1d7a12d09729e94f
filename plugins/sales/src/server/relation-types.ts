import { defineRelationType } from '@trellis/sdk';
import { ACTIVITY, ACTIVITY_ABOUT, ACTIVITY_OF, COMPANY, CONCERNED_BY, CONCERNS, CONTACT, DEAL, INVOLVED_IN, INVOLVES } from './names.js';

/** What part a contact plays in a deal. */
export const DEAL_ROLES = [
  { value: 'decision_maker', label: 'Decision maker' },
  { value: 'champion', label: 'Champion' },
  { value: 'influencer', label: 'Influencer' },
  { value: 'user', label: 'User' },
  { value: 'blocker', label: 'Blocker' },
] as const;

/** An activity is about any record (`sales_activity_about`); seen from the record, it `has activity`. */
export const activityAbout = defineRelationType({
  key: ACTIVITY_ABOUT,
  label: 'is about',
  symmetric: { key: ACTIVITY_OF, label: 'has activity' },
  subjectEntities: [ACTIVITY],
  cardinality: { subject: 'many', object: 'many' },
});

/** A deal concerns a company; the company is concerned by its deals. */
export const dealConcerns = defineRelationType({
  key: CONCERNS,
  label: 'concerns',
  symmetric: { key: CONCERNED_BY, label: 'is concerned by' },
  subjectEntities: [DEAL],
  objectEntities: [COMPANY],
});

/** A deal involves contacts, each with a role (decision maker, champion, …). */
export const dealInvolves = defineRelationType({
  key: INVOLVES,
  label: 'involves',
  symmetric: { key: INVOLVED_IN, label: 'is involved in' },
  subjectEntities: [DEAL],
  objectEntities: [CONTACT],
  fields: [{ name: 'role', type: 'select', options: { choices: DEAL_ROLES } }],
});
