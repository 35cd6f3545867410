import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { readPage, type Page, type PageQueryDto } from '../common/pagination/page';
import { DeliveryEntity } from './delivery.entity';
import { DestinationEntity } from './destination.entity';
import type { CreateDestinationDto, DeliveriesQueryDto, UpdateDestinationDto } from './destination.dto';
import {
  deliveryView,
  destinationView,
  type CreatedDestinationView,
  type DeliveryView,
  type DestinationView,
  type ReplayView,
  type RotatedSecretView,
} from './destination.view';
import { generateSigningSecret, ROTATION_OVERLAP_MS } from './signing-secret.rules';

/**
 * Every event of the destination's types stored since the given event time, queued again: a new
 * delivery, or the existing one started over (one being sent is left to finish).
 */
const REPLAY = `
  WITH queued AS (
    INSERT INTO forward_deliveries (destination_id, event_id, next_attempt_at)
    SELECT d.id, e.id, now()
    FROM destinations d
    JOIN webhook_events e ON e.event_time >= $2
      AND (d.event_types IS NULL OR e.type = ANY (d.event_types))
      AND (e.state = 'processed' OR (e.state = 'unhandled' AND d.include_unhandled))
    WHERE d.id = $1
    ON CONFLICT (destination_id, event_id) DO UPDATE
      SET state = 'pending', attempts = 0, next_attempt_at = now()
      WHERE forward_deliveries.state <> 'sending'
    RETURNING 1
  )
  SELECT count(*)::int AS deliveries FROM queued`;

@Injectable()
export class DestinationsService {
  constructor(
    @InjectRepository(DestinationEntity) private readonly destinations: Repository<DestinationEntity>,
    @InjectRepository(DeliveryEntity) private readonly deliveries: Repository<DeliveryEntity>,
    private readonly dataSource: DataSource,
  ) {}

  async create(dto: CreateDestinationDto): Promise<CreatedDestinationView> {
    const secret = generateSigningSecret();
    const { id } = await this.destinations.save(
      this.destinations.create({
        url: dto.url,
        eventTypes: dto.eventTypes ?? null,
        includeUnhandled: dto.includeUnhandled ?? false,
        description: dto.description ?? null,
        secret,
      }),
    );
    return { ...(await this.get(id)), secret };
  }

  list(query: PageQueryDto): Promise<Page<DestinationView>> {
    return readPage(this.destinations.createQueryBuilder('destination'), 'destination', query, destinationView);
  }

  async get(id: string): Promise<DestinationView> {
    return destinationView(await this.find(id));
  }

  async update(id: string, dto: UpdateDestinationDto): Promise<DestinationView> {
    const destination = await this.find(id);
    const resumed = dto.enabled === true && !destination.enabled;
    await this.dataSource.transaction(async (manager) => {
      await manager.update(
        DestinationEntity,
        { id },
        {
          ...(dto.url !== undefined && { url: dto.url }),
          ...('eventTypes' in dto && { eventTypes: dto.eventTypes ?? null }),
          ...(dto.includeUnhandled !== undefined && { includeUnhandled: dto.includeUnhandled }),
          ...('description' in dto && { description: dto.description ?? null }),
          ...(dto.enabled !== undefined && { enabled: dto.enabled, disabledReason: null }),
          ...(resumed && { failingSince: null }),
          updatedAt: () => 'now()',
        },
      );
      if (resumed) {
        // What waited while it was disabled goes out now rather than at its next scheduled time.
        await manager.update(DeliveryEntity, { destinationId: id, state: 'pending' }, { nextAttemptAt: () => 'now()' });
      }
    });
    return this.get(id);
  }

  async remove(id: string): Promise<void> {
    await this.find(id);
    await this.dataSource.transaction(async (manager) => {
      await manager.delete(DeliveryEntity, { destinationId: id });
      await manager.delete(DestinationEntity, { id });
    });
  }

  async rotateSecret(id: string): Promise<RotatedSecretView> {
    const destination = await this.destinations.findOne({ where: { id }, select: { id: true, secret: true } });
    if (!destination) {
      throw notFound(id);
    }
    const secret = generateSigningSecret();
    const previousSecretExpiresAt = new Date(Date.now() + ROTATION_OVERLAP_MS);
    await this.destinations.update({ id }, { secret, previousSecret: destination.secret, previousSecretExpiresAt, updatedAt: () => 'now()' });
    return { id, secret, previousSecretExpiresAt };
  }

  async listDeliveries(id: string, query: DeliveriesQueryDto): Promise<Page<DeliveryView>> {
    await this.find(id);
    const builder = this.deliveries.createQueryBuilder('delivery').where('delivery.destinationId = :id', { id });
    if (query.state) {
      builder.andWhere('delivery.state = :state', { state: query.state });
    }
    return readPage(builder, 'delivery', query, deliveryView);
  }

  async replay(id: string, since: Date): Promise<ReplayView> {
    await this.find(id);
    const [{ deliveries }] = (await this.dataSource.query(REPLAY, [id, since])) as [{ deliveries: number }];
    return { deliveries };
  }

  /** Starts a delivery's schedule over, at once; one being sent is left to finish. */
  async retryDelivery(id: string, deliveryId: string): Promise<DeliveryView> {
    const found = /^[1-9]\d{0,18}$/.test(deliveryId) ? await this.deliveries.findOneBy({ seq: deliveryId, destinationId: id }) : null;
    if (!found) {
      throw new NotFoundException(`Destination ${id} has no delivery ${deliveryId}`);
    }
    if (found.state !== 'sending') {
      await this.deliveries.update({ seq: deliveryId }, { state: 'pending', attempts: 0, nextAttemptAt: () => 'now()' });
    }
    return deliveryView((await this.deliveries.findOneBy({ seq: deliveryId })) as DeliveryEntity);
  }

  private async find(id: string): Promise<DestinationEntity> {
    const destination = isUuid(id) ? await this.destinations.findOneBy({ id }) : null;
    if (!destination) {
      throw notFound(id);
    }
    return destination;
  }
}

function notFound(id: string): NotFoundException {
  return new NotFoundException(`No destination with id ${id}`);
}

function isUuid(id: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
}
