import type { EntityManager } from 'typeorm';
import type { PreparedQuery } from '../database/prepared-query';

/** One event as its handler gets it: the body validated against the handler's DTO. */
export interface BusEvent<TBody extends object = object> {
  body: TBody;
  eventId: string;
  eventTime: Date;
}

/**
 * The transaction that marks the events processed: every domain write goes through it, so a
 * throw rolls the writes back together with the events' state.
 */
export interface HandlerContext {
  manager: EntityManager;
  /** A prepared statement on that same transaction: the fast path for the handler's writes. */
  query: PreparedQuery;
}

/**
 * A domain module's handler of one event type. It gets the events of its type from one
 * batch (often many, at least one) and must write them all; it must be idempotent per event
 * id, since a replay runs an event again. When it throws, the bus runs each event of the
 * batch on its own, so only the failing ones are stored as `failed`.
 */
export interface EventHandler<TBody extends object = object> {
  handle(events: BusEvent<TBody>[], context: HandlerContext): Promise<void>;
}
