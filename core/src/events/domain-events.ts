import type { DomainEvent } from '@trellis/sdk';
import type { Logger } from '../logger.js';
import { EventEmitter, type EventListener } from './event-emitter.js';

/** Which event types a listener to every event wants; the others are neither built nor sent to it. */
export type EventInterest = (type: DomainEvent['type']) => boolean;

const EVERYTHING: EventInterest = () => true;

/**
 * The one stream of after-commit domain events (records, relations, plugin events): plugin
 * subscribers, webhooks and the audit log all listen here.
 */
export class DomainEvents extends EventEmitter<DomainEvent> {
  private readonly anyListeners = new Map<EventListener<DomainEvent>, EventInterest>();

  constructor(logger: Logger) {
    super((error, event) => logger.error('event listener failed', { error, event: event.type }));
  }

  /**
   * Listens to every event, or to those `wants` accepts at the time they happen (webhooks:
   * the types some active webhook subscribes to); returns the function that stops listening.
   * Narrow interest matters: while anyone wants `record.updated`, every update reads the record
   * before changing it, to tell what changed.
   */
  onAny(listener: EventListener<DomainEvent>, wants: EventInterest = EVERYTHING): () => void {
    this.anyListeners.set(listener, wants);
    return () => void this.anyListeners.delete(listener);
  }

  /** Whether a listener of this type, or one of every event that wants it, would hear it. */
  override listens(type: DomainEvent['type']): boolean {
    if (super.listens(type)) return true;
    for (const wants of this.anyListeners.values()) if (wants(type)) return true;
    return false;
  }

  override emit(event: DomainEvent): void {
    super.emit(event);
    for (const [listener, wants] of this.anyListeners) if (wants(event.type)) this.call(listener, event);
  }
}
