import type { DomainEvent } from '@trellis/sdk';
import type { Logger } from '../logger.js';
import { EventEmitter, type EventListener } from './event-emitter.js';

/**
 * The one stream of after-commit domain events (records, relations, plugin events): plugin
 * subscribers, webhooks and the audit log all listen here.
 */
export class DomainEvents extends EventEmitter<DomainEvent> {
  private readonly anyListeners = new Set<EventListener<DomainEvent>>();

  constructor(logger: Logger) {
    super((error, event) => logger.error('event listener failed', { error, event: event.type }));
  }

  /** Listens to every event; returns the function that stops listening. */
  onAny(listener: EventListener<DomainEvent>): () => void {
    this.anyListeners.add(listener);
    return () => void this.anyListeners.delete(listener);
  }

  override emit(event: DomainEvent): void {
    super.emit(event);
    for (const listener of this.anyListeners) this.call(listener, event);
  }
}
