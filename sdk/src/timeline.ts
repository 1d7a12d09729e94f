import type { ActorRef } from './actors.js';
import type { JsonObject } from './json.js';
import type { RecordRef } from './relations.js';

/**
 * What a plugin posts to a record's timeline.
 *
 * @example
 * ```ts
 * const entry: TimelineEntryInput = {
 *   record: { entity: 'deal', id },
 *   kind: 'stage_change',
 *   title: 'Moved from Proposal to Won',
 *   data: { from: 'proposal', to: 'won' },
 * };
 * ```
 */
export interface TimelineEntryInput {
  /** The record whose timeline gets the entry. */
  record: RecordRef;
  /** Lower snake case kind: `note`, `call`, `email`, `stage_change`, … The UI picks an icon by kind. */
  kind: string;
  /** One line shown in the timeline. */
  title: string;
  /** Longer plain text. */
  body?: string;
  /** Structured details for the UI and exports. */
  data?: JsonObject;
  /** When it happened (ISO 8601); defaults to now. */
  occurredAt?: string;
}

/**
 * A timeline entry as stored.
 *
 * @example
 * ```ts
 * const line = (entry: TimelineEntry) => `${entry.occurred_at} ${entry.kind}: ${entry.title}`;
 * ```
 */
export interface TimelineEntry {
  /** The entry's id (UUIDv7). */
  id: string;
  /** The record it belongs to. */
  record: RecordRef;
  /** Its kind. */
  kind: string;
  /** One line. */
  title: string;
  /** Longer text, or null. */
  body: string | null;
  /** Structured details. */
  data: JsonObject;
  /** When it happened. */
  occurred_at: string;
  /** When it was posted. */
  created_at: string;
  /** The plugin that posted it, or null for core and users. */
  plugin: string | null;
  /** Who posted it. */
  actor: ActorRef;
}
