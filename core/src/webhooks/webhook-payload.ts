import type { ActorRef, DomainEvent } from '@trellis/sdk';

/** What every webhook request carries, as JSON. */
export interface WebhookEnvelope {
  /** The event's id: the same in every webhook's delivery of it. */
  id: string;
  type: string;
  occurredAt: string;
  data: Record<string, unknown>;
}

/** Who acted, in the SDK's {@link ActorRef} shape whatever object core passed (no display name). */
export function publicActor(actor: ActorRef | undefined): ActorRef | null {
  if (!actor) return null;
  const { userId, email, isAdmin, via, plugin } = actor;
  return { userId, ...(email ? { email } : {}), isAdmin, via, ...(plugin ? { plugin } : {}) };
}

/** The `data` of an event: what it says about the change, in the SDK's shape, minus the type. */
function dataOf(event: DomainEvent): Record<string, unknown> {
  if ('relation' in event) return { relation: event.relation, actor: publicActor(event.actor) };
  if ('entity' in event) {
    const actor = publicActor(event.actor);
    if (event.type === 'record.updated') {
      return { entity: event.entity, changed: event.changed, before: event.before, record: event.record, actor };
    }
    return { entity: event.entity, record: event.record, actor };
  }
  return { plugin: event.plugin, payload: event.payload };
}

/** The JSON body of a domain event's deliveries. */
export function eventEnvelope(event: DomainEvent, id: string, occurredAt: string): WebhookEnvelope {
  return { id, type: event.type, occurredAt, data: dataOf(event) };
}
