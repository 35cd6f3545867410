import type { PreparedQuery } from '../database/prepared-query';

/** An event as it was just stored: new, or given a new state by a replay. */
export interface StoredEvent {
  id: string;
  type: string;
  state: 'processed' | 'unhandled' | 'invalid' | 'failed';
}

/**
 * A module that keeps something for every stored event, whatever its type (forwarding records
 * an outbox row). It is called inside the transaction that stores the events, after their
 * handlers and before the commit, once per batch: what it writes through `query` commits or rolls
 * back with the events. It must issue all its statements before its first `await`: they travel
 * in the commit's own write, right before the COMMIT (a statement issued later would run after
 * it, outside the transaction). One set-based statement per batch costs the webhook next to nothing.
 * Re-deliveries and conflicting versions are not stored events and never reach it.
 */
export interface StoredEventsObserver {
  eventsStored(events: readonly StoredEvent[], query: PreparedQuery): Promise<void>;
}
