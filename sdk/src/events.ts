import type { ActorRef } from './actors.js';
import type { TrellisRecord } from './records.js';
import type { RelationEvent } from './relations.js';

/**
 * A record was created; announced after the transaction committed.
 *
 * @example
 * ```ts
 * const onCreated = (event: RecordCreatedEvent) => console.log(`${event.entity} ${event.record.id} created`);
 * ```
 */
export interface RecordCreatedEvent {
  /** What happened. */
  type: 'record.created';
  /** The record's entity. */
  entity: string;
  /** The record as stored. */
  record: TrellisRecord;
  /** Who created it. */
  actor: ActorRef;
}

/**
 * A record was changed; announced after the transaction committed, only when a value changed.
 *
 * @example
 * ```ts
 * const stageChanged = (event: RecordUpdatedEvent) => event.changed.includes('stage');
 * ```
 */
export interface RecordUpdatedEvent {
  /** What happened. */
  type: 'record.updated';
  /** The record's entity. */
  entity: string;
  /** Names of the fields whose value changed (system fields other than `owner_id` are left out). */
  changed: string[];
  /** The record before the change. */
  before: TrellisRecord;
  /** The record after the change. */
  record: TrellisRecord;
  /** Who changed it. */
  actor: ActorRef;
}

/**
 * A record was deleted (with its relations); announced after the transaction committed.
 *
 * @example
 * ```ts
 * const onDeleted = (event: RecordDeletedEvent) => console.log(`${event.entity} ${event.record.id} deleted`);
 * ```
 */
export interface RecordDeletedEvent {
  /** What happened. */
  type: 'record.deleted';
  /** The record's entity. */
  entity: string;
  /** The record as it was just before deletion. */
  record: TrellisRecord;
  /** Who deleted it. */
  actor: ActorRef;
}

/**
 * An event a plugin announced through {@link EventsApi.emit}; its type is `<plugin>.<name>`.
 *
 * @example
 * ```ts
 * const won = (event: PluginEvent) => event.type === 'sales.deal_won';
 * ```
 */
export interface PluginEvent {
  /** `<plugin>.<name>`, e.g. `sales.deal_won`. */
  type: `${string}.${string}`;
  /** The plugin that emitted it. */
  plugin: string;
  /** What the plugin attached; JSON-serialisable. */
  payload: Record<string, unknown>;
}

/**
 * Every event core announces after commit: record and relation changes and plugin events.
 * Subscribers, webhooks and the audit log all see this one stream. A plugin event's `type` is
 * any `<plugin>.<name>`, so narrow by shape: `'plugin' in event` for plugin events,
 * `'entity' in event` for record events, `'relation' in event` for relation events.
 *
 * @example
 * ```ts
 * function describe(event: DomainEvent): string {
 *   return 'entity' in event ? `${event.type} on ${event.entity}` : event.type;
 * }
 * ```
 */
export type DomainEvent =
  RecordCreatedEvent | RecordUpdatedEvent | RecordDeletedEvent | (RelationEvent & { actor?: ActorRef }) | PluginEvent;

/**
 * The name of a core event, or `<plugin>.<name>` for a plugin's own.
 *
 * @example
 * ```ts
 * const types: DomainEventType[] = ['record.created', 'relation.added', 'sales.deal_won'];
 * ```
 */
export type DomainEventType =
  'record.created' | 'record.updated' | 'record.deleted' | 'relation.added' | 'relation.removed' | `${string}.${string}`;

/**
 * The event a listener of one type receives: the exact interface for a core type, a
 * {@link PluginEvent} for `<plugin>.<name>`.
 *
 * @example
 * ```ts
 * const changed = (event: DomainEventOf<'record.updated'>) => event.changed; // string[]
 * ```
 */
export type DomainEventOf<T extends DomainEventType> = T extends 'record.created'
  ? RecordCreatedEvent
  : T extends 'record.updated'
    ? RecordUpdatedEvent
    : T extends 'record.deleted'
      ? RecordDeletedEvent
      : T extends 'relation.added' | 'relation.removed'
        ? RelationEvent & { actor?: ActorRef }
        : PluginEvent;

/**
 * The core event types, as a closed list (webhooks validate against it plus plugin events).
 *
 * @example
 * ```ts
 * CORE_EVENT_TYPES.includes('record.updated'); // true
 * ```
 */
export const CORE_EVENT_TYPES = ['record.created', 'record.updated', 'record.deleted', 'relation.added', 'relation.removed'] as const;
