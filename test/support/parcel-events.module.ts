import { Controller, Get, Module, Param } from '@nestjs/common';
import { InjectRepository, TypeOrmModule } from '@nestjs/typeorm';
import { IsIn, IsString } from 'class-validator';
import { Column, Entity, PrimaryColumn, Repository, type MigrationInterface, type QueryRunner } from 'typeorm';
import type { BusEvent, EventHandler, HandlerContext } from '../../src/event-bus/event-handler';
import { HandlesEvent } from '../../src/event-bus/handles-event.decorator';

/**
 * The worked example of docs/extending.md: a made-up event type that lives only in the tests. It
 * shows that a new event module plugs into the bus without any change to the webhook core, and
 * that its handler can write the ordinary NestJS way (an entity through a repository) without
 * losing exactly-once.
 */
export const PARCEL_EVENT = 'test_parcel_scanned';

/** 1. The body DTO: the bus validates every body against it before the handler sees it. */
export class ParcelScannedBody {
  @IsString()
  parcelId: string;

  @IsIn(['picked_up', 'in_transit', 'delivered', 'explode'])
  scan: string;
}

/** 2. The entity the handler writes, one row per event. */
@Entity('test_parcel_scans')
export class ParcelScanEntity {
  @PrimaryColumn({ name: 'event_id', type: 'text' })
  eventId: string;

  @Column({ name: 'parcel_id', type: 'text' })
  parcelId: string;

  @Column({ type: 'text' })
  scan: string;
}

/** 3. Its migration (a real module keeps it in migrations/; the tests run it themselves). */
export const PARCEL_TABLE = `CREATE TABLE test_parcel_scans (event_id text PRIMARY KEY, parcel_id text NOT NULL, scan text NOT NULL)`;

export class CreateParcelScans1764399999999 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(PARCEL_TABLE);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE test_parcel_scans');
  }
}

/** 4. The handler: writes through a repository from the context's manager, so inside the event's transaction. */
@HandlesEvent(PARCEL_EVENT, ParcelScannedBody, {
  parcelScanned: {
    summary: 'test_parcel_scanned',
    value: {
      id: 'b1d3a2c4-0000-4000-8000-000000000001',
      type: PARCEL_EVENT,
      eventTime: '2023-02-22T12:00:00.000Z',
      body: { parcelId: 'P-1', scan: 'picked_up' },
    },
  },
})
export class ParcelScannedHandler implements EventHandler<ParcelScannedBody> {
  async handle(events: BusEvent<ParcelScannedBody>[], { manager }: HandlerContext): Promise<void> {
    const scans = manager.getRepository(ParcelScanEntity);
    for (const { body, eventId } of events) {
      // Idempotent per event id: a replay saves the same row again.
      await scans.save({ eventId, parcelId: body.parcelId, scan: body.scan });
      if (body.scan === 'explode') {
        throw new Error('the parcel scanner caught fire');
      }
    }
  }
}

/** 5. The query endpoint (behind the API token like every route). */
@Controller('parcels')
export class ParcelsController {
  constructor(@InjectRepository(ParcelScanEntity) private readonly scans: Repository<ParcelScanEntity>) {}

  @Get(':parcelId/scans')
  async scansOf(@Param('parcelId') parcelId: string): Promise<{ eventId: string; scan: string }[]> {
    const found = await this.scans.find({ where: { parcelId }, order: { eventId: 'ASC' } });
    return found.map(({ eventId, scan }) => ({ eventId, scan }));
  }
}

/** 6. The module: the one import line the application adds. */
@Module({
  imports: [TypeOrmModule.forFeature([ParcelScanEntity])],
  providers: [ParcelScannedHandler],
  controllers: [ParcelsController],
})
export class ParcelEventsModule {}

/** A second owner for the same type: the bus must refuse to boot with it. */
@HandlesEvent(PARCEL_EVENT, ParcelScannedBody)
export class RivalParcelHandler implements EventHandler<ParcelScannedBody> {
  async handle(): Promise<void> {}
}

@Module({ providers: [RivalParcelHandler] })
export class RivalParcelModule {}

/** The mistake the bus refuses: a handler writing through an injected repository, outside the event's transaction. */
@HandlesEvent(PARCEL_EVENT, ParcelScannedBody)
export class CarelessParcelHandler implements EventHandler<ParcelScannedBody> {
  constructor(@InjectRepository(ParcelScanEntity) private readonly scans: Repository<ParcelScanEntity>) {}

  async handle(events: BusEvent<ParcelScannedBody>[]): Promise<void> {
    for (const { body, eventId } of events) {
      await this.scans.save({ eventId, parcelId: body.parcelId, scan: body.scan });
    }
  }
}

@Module({ imports: [TypeOrmModule.forFeature([ParcelScanEntity])], providers: [CarelessParcelHandler] })
export class CarelessParcelModule {}
