/** A function called with each event of the types it subscribed to. */
export type EventListener<E> = (event: E) => void | Promise<void>;

/**
 * A small typed publish/subscribe channel for events announced after commit. A failing
 * listener is reported and never reaches the code that emitted: the change it describes has
 * already committed, so nothing can be undone by throwing.
 */
export class EventEmitter<E extends { type: string }> {
  private readonly listeners = new Map<E['type'], Set<EventListener<E>>>();

  constructor(private readonly onListenerError: (error: unknown, event: E) => void) {}

  /** Subscribes to one event type; returns the function that unsubscribes. */
  on(type: E['type'], listener: EventListener<E>): () => void {
    let set = this.listeners.get(type);
    if (!set) this.listeners.set(type, (set = new Set()));
    set.add(listener);
    return () => void set.delete(listener);
  }

  /** Whether anyone would hear an event of this type: writers skip building events nobody hears. */
  listens(type: E['type']): boolean {
    return (this.listeners.get(type)?.size ?? 0) > 0;
  }

  /** Calls every listener of the event's type; does not wait for asynchronous ones. */
  emit(event: E): void {
    for (const listener of this.listeners.get(event.type) ?? []) this.call(listener, event);
  }

  /** Runs one listener, routing a throw or a rejection to the error handler. */
  protected call(listener: EventListener<E>, event: E): void {
    try {
      const result = listener(event);
      if (result) result.catch((error: unknown) => this.onListenerError(error, event));
    } catch (error) {
      this.onListenerError(error, event);
    }
  }
}
