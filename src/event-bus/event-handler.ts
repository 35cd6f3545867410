import type { EntityManager } from 'typeorm';
import type { PreparedQuery } from '../database/prepared-query';

/** One event as its handler gets it: the body validated against the handler's DTO. */
export interface BusEvent<TBody extends object = object> {
  body: TBody;
  eventId: string;
  eventTime: Date;
}

/**
 * The event's transaction, the one that stores the event itself. Every way in reaches it: the
 * manager, `manager.getRepository(Entity)`, `manager.save()`, query builders from the manager, and
 * `query`. A throw rolls back everything written through them together with the event's state.
 * Anything else (an injected repository, the DataSource) would write outside it, so the bus refuses
 * it while a handler runs (see HandlerTransactionGuard).
 */
export interface HandlerContext {
  manager: EntityManager;
  /**
   * Raw SQL on that same transaction, as prepared statements: the fast path for set-based writes,
   * and the executor for libraries that take one (a job queue that enqueues with the event).
   */
  query: PreparedQuery;
}

/**
 * A domain module's handler of one event type. It gets the events of its type from one
 * batch (often many, at least one) and must write them all; it must be idempotent per event
 * id, since a replay runs an event again. When it throws, the bus runs each event of the
 * batch on its own, so only the failing ones are stored as `failed`.
 *
 * `handle` is a property, not a method, so TypeScript checks its parameter strictly: a handler
 * of one body type does not satisfy `EventHandler` of another.
 */
export interface EventHandler<TBody extends object = object> {
  handle: (events: BusEvent<TBody>[], context: HandlerContext) => Promise<void>;
}
