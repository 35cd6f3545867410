import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { readPage, type Page, type PageQueryDto } from '../common/pagination/page';
import { isCursor } from '../common/query.decorators';
import { AttemptEntity } from './attempt.entity';
import { ForwardBatchEntity } from './forward-batch.entity';
import { DeliveryEntity } from './delivery.entity';
import { DestinationEntity } from './destination.entity';
import type { AttemptsPerMinuteQueryDto, CreateDestinationDto, DeliveriesQueryDto, UpdateDestinationDto } from './destination.dto';
import {
  attemptView,
  deliveryView,
  destinationView,
  type AttemptsPerMinuteView,
  type AttemptView,
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

const HOUR_MS = 3_600_000;
/** The longest window of attempts per minute: 1 440 minutes at most, read from one index. */
const MAX_MINUTES_WINDOW_MS = 24 * HOUR_MS;

const ATTEMPTS_PER_MINUTE = `
  SELECT date_trunc('minute', attempted_at) AS bucket_start,
         count(*) FILTER (WHERE delivered)::int AS delivered, count(*) FILTER (WHERE NOT delivered)::int AS failed
  FROM forward_attempts
  WHERE destination_id = $1 AND attempted_at >= $2 AND attempted_at < $3
  GROUP BY 1 ORDER BY 1`;

@Injectable()
export class DestinationsService {
  constructor(
    @InjectRepository(DestinationEntity) private readonly destinations: Repository<DestinationEntity>,
    @InjectRepository(DeliveryEntity) private readonly deliveries: Repository<DeliveryEntity>,
    @InjectRepository(AttemptEntity) private readonly attempts: Repository<AttemptEntity>,
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
      await manager.delete(AttemptEntity, { destinationId: id });
      await manager.delete(ForwardBatchEntity, { destinationId: id });
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

  async getDelivery(id: string, deliveryId: string): Promise<DeliveryView> {
    return deliveryView(await this.findDelivery(id, deliveryId));
  }

  /** Every attempt of one delivery (retries and replays included), newest first. */
  async listAttempts(id: string, deliveryId: string, query: PageQueryDto): Promise<Page<AttemptView>> {
    const delivery = await this.findDelivery(id, deliveryId);
    const builder = this.attempts.createQueryBuilder('attempt').where('attempt.deliverySeq = :seq', { seq: delivery.seq });
    return readPage(builder, 'attempt', query, attemptView);
  }

  /** Attempts per minute, delivered and failed: the console's chart of a destination. */
  async attemptsPerMinute(id: string, query: AttemptsPerMinuteQueryDto): Promise<AttemptsPerMinuteView> {
    await this.find(id);
    const until = query.until ? new Date(query.until) : new Date();
    const since = query.since ? new Date(query.since) : new Date(until.getTime() - HOUR_MS);
    if (until.getTime() - since.getTime() > MAX_MINUTES_WINDOW_MS || since >= until) {
      throw new BadRequestException('since must be before until, and at most 24 hours before it');
    }
    const rows = (await this.dataSource.query(ATTEMPTS_PER_MINUTE, [id, since, until])) as { bucket_start: Date; delivered: number; failed: number }[];
    return {
      since: since.toISOString(),
      until: until.toISOString(),
      items: rows.map((row) => ({ bucketStart: row.bucket_start.toISOString(), delivered: row.delivered, failed: row.failed })),
    };
  }

  async replay(id: string, since: Date): Promise<ReplayView> {
    await this.find(id);
    const [{ deliveries }] = (await this.dataSource.query(REPLAY, [id, since])) as [{ deliveries: number }];
    return { deliveries };
  }

  /** Starts a delivery's schedule over, at once; one being sent is left to finish. */
  async retryDelivery(id: string, deliveryId: string): Promise<DeliveryView> {
    const found = await this.findDelivery(id, deliveryId);
    if (found.state !== 'sending') {
      await this.deliveries.update({ seq: deliveryId }, { state: 'pending', attempts: 0, nextAttemptAt: () => 'now()' });
    }
    return deliveryView((await this.deliveries.findOneBy({ seq: deliveryId })) as DeliveryEntity);
  }

  private async findDelivery(id: string, deliveryId: string): Promise<DeliveryEntity> {
    const found = isCursor(deliveryId) && isUuid(id) ? await this.deliveries.findOneBy({ seq: deliveryId, destinationId: id }) : null;
    if (!found) {
      throw new NotFoundException(`Destination ${id} has no delivery ${deliveryId}`);
    }
    return found;
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
