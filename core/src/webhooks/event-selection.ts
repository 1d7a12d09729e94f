import { CORE_EVENT_TYPES, type DomainEvent } from '@trellis/sdk';

/** The event a webhook's test route sends; no webhook subscribes to it. */
export const PING_EVENT = 'webhook.ping';

/** Namespaces core owns: only the types it announces exist there. */
const CORE_NAMESPACES = new Set(['record', 'relation', 'webhook']);
const NAMESPACE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const EVENT_NAME = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;
const CORE_TYPES: ReadonlySet<string> = new Set(CORE_EVENT_TYPES);

/** Which events and records a webhook wants. */
export interface EventSelection {
  /** Event types, `<namespace>.*`, or `*` for everything. */
  events: readonly string[];
  /** Entities the record and relation events must concern; null for every entity. */
  entities: readonly string[] | null;
}

/**
 * Why a pattern of a webhook's `events` is refused, or null when it is valid: `*`, a core event
 * type, `<namespace>.*` (`record.*`, `sales.*`), or a plugin's `<plugin>.<name>`.
 */
export function eventPatternProblem(pattern: string): string | null {
  if (pattern === '*' || CORE_TYPES.has(pattern)) return null;
  const dot = pattern.indexOf('.');
  const namespace = pattern.slice(0, dot);
  const name = pattern.slice(dot + 1);
  if (dot < 0 || !NAMESPACE.test(namespace) || (name !== '*' && !EVENT_NAME.test(name))) {
    return 'must be "*", a core event type, "<plugin>.<event>" or "<plugin>.*"';
  }
  // `record.*` and `relation.*` are fine; `webhook.ping` is sent only by the test route.
  const coreWildcard = name === '*' && namespace !== 'webhook';
  if (CORE_NAMESPACES.has(namespace) && !coreWildcard) {
    return `is not a known event type; core announces ${CORE_EVENT_TYPES.join(', ')}`;
  }
  return null;
}

/** Whether one of the patterns (`*`, a type, `<namespace>.*`) selects the event type. */
export function typeSelected(patterns: readonly string[], type: string): boolean {
  return patterns.some(
    (pattern) => pattern === '*' || pattern === type || (pattern.endsWith('.*') && type.startsWith(pattern.slice(0, -1))),
  );
}

/** The entities a record or relation event concerns; null for plugin events, which no entity filter narrows. */
function entitiesOf(event: DomainEvent): string[] | null {
  if ('relation' in event) return [event.relation.subject.entity, event.relation.object.entity];
  if ('entity' in event) return [event.entity];
  return null;
}

/** Whether a webhook with this selection receives the event. */
export function selects(selection: EventSelection, event: DomainEvent): boolean {
  if (!typeSelected(selection.events, event.type)) return false;
  const concerned = selection.entities && entitiesOf(event);
  return !concerned || concerned.some((entity) => selection.entities?.includes(entity));
}
