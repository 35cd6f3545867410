import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { PreparedQuery } from '../database/prepared-query';
import { EventBus } from '../event-bus/event-bus';
import type { StoredEvent, StoredEventsObserver } from '../event-bus/stored-events';
import { IngestPressure } from './ingest-pressure';

/**
 * One delivery per enabled destination that takes the event: processed events, and unhandled
 * ones for the destinations that ask for them. One statement for the whole batch, whatever its
 * size and the number of destinations; the unique key makes a second recording a no-op.
 */
const RECORD_DELIVERIES = `
  INSERT INTO forward_deliveries (destination_id, event_id, next_attempt_at)
  SELECT d.id, e.id, now()
  FROM unnest($1::text[], $2::text[], $3::text[]) AS e(id, type, state)
  JOIN destinations d ON d.enabled
    AND (d.event_types IS NULL OR e.type = ANY (d.event_types))
    AND (e.state = 'processed' OR (e.state = 'unhandled' AND d.include_unhandled))
  ON CONFLICT (destination_id, event_id) DO NOTHING`;

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
    await query(RECORD_DELIVERIES, [events.map((event) => event.id), events.map((event) => event.type), events.map((event) => event.state)]);
  }
}
