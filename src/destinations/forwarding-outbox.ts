import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { PreparedQuery } from '../database/prepared-query';
import { EventBus } from '../event-bus/event-bus';
import type { StoredEvent, StoredEventsObserver } from '../event-bus/stored-events';
import { IngestPressure } from './ingest-pressure';

/**
 * One row per enabled destination that takes any of the batch's events (processed events, and
 * unhandled ones for the destinations that ask for them), naming those events: one statement and
 * one small row per destination, whatever the batch's size. The relay expands it into deliveries.
 */
const RECORD_BATCH = `
  INSERT INTO forward_batches (destination_id, event_ids)
  SELECT d.id, array_agg(e.id ORDER BY e.ord)
  FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS e(id, type, state, ord)
  JOIN destinations d ON d.enabled
    AND (d.event_types IS NULL OR e.type = ANY (d.event_types))
    AND (e.state = 'processed' OR (e.state = 'unhandled' AND d.include_unhandled))
  GROUP BY d.id`;

/**
 * The outbox: the forwards of a batch are written in the transaction that stores its events, so
 * a crash can neither lose a forward of a stored event nor invent one for an event rolled back.
 */
@Injectable()
export class ForwardingOutbox implements StoredEventsObserver, OnModuleInit {
  constructor(
    private readonly bus: EventBus,
    private readonly pressure: IngestPressure,
  ) {}

  onModuleInit(): void {
    this.bus.observeStoredEvents(this);
  }

  async eventsStored(events: readonly StoredEvent[], query: PreparedQuery): Promise<void> {
    this.pressure.eventsStored(events.length);
    await query(RECORD_BATCH, [events.map((event) => event.id), events.map((event) => event.type), events.map((event) => event.state)]);
  }
}
