import type { JsonObject, Relation } from '@trellis/sdk';
import type { DomainEvents } from '../events/domain-events.js';
import type { AuditLog } from './audit-log.js';
import { actingNow } from './audit-context.js';

function relationDetails(relation: Relation): JsonObject {
  return {
    relationId: relation.id,
    type: relation.type,
    object: { entity: relation.object.entity, id: relation.object.id },
    attributes: relation.attributes as JsonObject,
  };
}

/**
 * Records relations added and removed, from the after-commit events (one per relation, seen
 * from the record it went through), as an entry about that record, once the change has
 * committed (the bus does not wait for it). The actor is the request's.
 */
export function auditRelations(events: DomainEvents, audit: AuditLog): () => void {
  const listen = (type: 'relation.added' | 'relation.removed', action: string) =>
    events.on(type, async (event) => {
      const { relation } = event as { relation: Relation };
      // A failure is logged by the bus: the change has committed, there is nothing to undo.
      await audit.record({
        action,
        actor: actingNow(),
        entity: relation.subject.entity,
        recordId: relation.subject.id,
        details: relationDetails(relation),
      });
    });
  const stops = [listen('relation.added', 'relation.added'), listen('relation.removed', 'relation.removed')];
  return () => stops.forEach((stop) => stop());
}
