import type { EntityManager } from 'typeorm';

/** What a handler knows about the event it is given, besides its validated body. */
export interface EventContext {
  eventId: string;
  eventTime: Date;
  /**
   * The transaction that marks the event processed: every domain write goes through it,
   * so a throw rolls the writes back together with the event's state.
   */
  manager: EntityManager;
}

/** A domain module's handler of one event type; it must be idempotent per event id (replays). */
export interface EventHandler<TBody extends object = object> {
  handle(body: TBody, context: EventContext): Promise<void>;
}
