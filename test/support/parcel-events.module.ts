import { Module } from '@nestjs/common';
import { IsIn, IsString } from 'class-validator';
import { HandlesEvent } from '../../src/event-bus/handles-event.decorator';
import type { BusEvent, EventHandler, HandlerContext } from '../../src/event-bus/event-handler';

/**
 * A made-up event type that lives only in the tests: it shows that a new event module plugs
 * into the bus without any change to the webhook core. Its writes go to PARCEL_TABLE, which the
 * tests create.
 */
export const PARCEL_EVENT = 'test_parcel_scanned';
export const PARCEL_TABLE = `CREATE TABLE test_parcel_scans (event_id text PRIMARY KEY, parcel_id text NOT NULL, scan text NOT NULL)`;

export class ParcelScannedBody {
  @IsString()
  parcelId: string;

  @IsIn(['picked_up', 'in_transit', 'delivered', 'explode'])
  scan: string;
}

@HandlesEvent(PARCEL_EVENT, ParcelScannedBody)
export class ParcelScannedHandler implements EventHandler<ParcelScannedBody> {
  async handle(events: BusEvent<ParcelScannedBody>[], { query }: HandlerContext): Promise<void> {
    for (const { body, eventId } of events) {
      await query(`INSERT INTO test_parcel_scans (event_id, parcel_id, scan) VALUES ($1, $2, $3) ON CONFLICT (event_id) DO NOTHING`, [
        eventId,
        body.parcelId,
        body.scan,
      ]);
      if (body.scan === 'explode') {
        throw new Error('the parcel scanner caught fire');
      }
    }
  }
}

@Module({ providers: [ParcelScannedHandler] })
export class ParcelEventsModule {}

/** A second owner for the same type: the bus must refuse to boot with it. */
@HandlesEvent(PARCEL_EVENT, ParcelScannedBody)
export class RivalParcelHandler implements EventHandler<ParcelScannedBody> {
  async handle(): Promise<void> {}
}

@Module({ providers: [RivalParcelHandler] })
export class RivalParcelModule {}
