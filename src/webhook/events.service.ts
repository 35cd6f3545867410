import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository, type QueryRunner } from 'typeorm';
import { preparedQueryOn } from '../database/prepared-query';
import { readPage, whereEqual, whereInRange, type Page } from '../common/pagination/page';
import { EventBus } from '../event-bus/event-bus';
import { describeError } from './event-ingestion.service';
import type { EventsQueryDto } from './events-query.dto';
import { WebhookEventConflictEntity } from './webhook-event-conflict.entity';
import { WebhookEventDroppedConflictsEntity } from './webhook-event-dropped-conflicts.entity';
import { WebhookEventEntity, type EventState } from './webhook-event.entity';

export interface EventSummary {
  id: string;
  type: string;
  eventTime: Date;
  receivedAt: Date;
  state: EventState;
  reasons: WebhookEventEntity['reasons'];
  error: string | null;
  attempts: number;
  processedAt: Date | null;
}

export interface EventDetail extends EventSummary {
  payload: Record<string, unknown>;
  conflicts: { receivedAt: Date; payload: Record<string, unknown> }[];
  /** Further conflicting versions delivered once MAX_CONFLICT_VERSIONS were kept: counted, not stored. */
  conflictsNotKept: number;
}

function summarize(event: WebhookEventEntity): EventSummary {
  const { id, type, eventTime, receivedAt, state, reasons, error, attempts, processedAt } = event;
  return { id, type, eventTime, receivedAt, state, reasons, error, attempts, processedAt };
}

@Injectable()
export class EventsService {
  constructor(
    @InjectRepository(WebhookEventEntity) private readonly events: Repository<WebhookEventEntity>,
    @InjectRepository(WebhookEventConflictEntity) private readonly conflicts: Repository<WebhookEventConflictEntity>,
    @InjectRepository(WebhookEventDroppedConflictsEntity) private readonly droppedConflicts: Repository<WebhookEventDroppedConflictsEntity>,
    private readonly dataSource: DataSource,
    private readonly bus: EventBus,
  ) {}

  list(query: EventsQueryDto): Promise<Page<EventSummary>> {
    if ((query.since !== undefined || query.until !== undefined) && query.type === undefined && query.state === undefined) {
      return this.listByEventTime(query);
    }
    const builder = whereInRange(this.events.createQueryBuilder('event'), 'event.eventTime', query);
    whereEqual(builder, 'event', query, [['type', 'type']]);
    if (query.state === 'conflict') {
      // Each conflict names the partition of the event it contradicts: one index probe per event, not one per day.
      builder.innerJoin(
        '(SELECT DISTINCT event_id, event_received_at FROM webhook_event_conflicts)',
        'conflicted',
        'conflicted.event_id = event.id AND conflicted.event_received_at = event.received_at',
      );
    } else if (query.state) {
      builder.andWhere('event.state = :state', { state: query.state });
    }
    return readPage(builder, 'event', query, summarize);
  }

  /**
   * Events by event time. An hour of a busy day is thousands of events; the event_time index
   * carries seq and received_at, so the page (the newest by seq) is chosen from the index alone,
   * and only its rows are read, each from the one partition its received time names.
   */
  private listByEventTime(query: EventsQueryDto): Promise<Page<EventSummary>> {
    const keys = whereInRange(this.events.createQueryBuilder('candidate'), 'candidate.eventTime', query)
      .select('candidate.receivedAt', 'received_at')
      .addSelect('candidate.seq', 'seq');
    if (query.cursor) {
      keys.andWhere('candidate.seq < :cursor', { cursor: query.cursor });
    }
    keys.orderBy('candidate.seq', 'DESC').limit(query.limit + 1);
    const builder = this.events
      .createQueryBuilder('event')
      .innerJoin(`(${keys.getQuery()})`, 'page', 'page.received_at = event.received_at AND page.seq = event.seq')
      .setParameters(keys.getParameters());
    return readPage(builder, 'event', { ...query, cursor: undefined }, summarize);
  }

  async get(id: string): Promise<EventDetail> {
    const event = await this.find(id);
    if (!event) {
      throw new NotFoundException(`No event with id ${id}`);
    }
    const [conflicts, dropped] = await Promise.all([
      this.conflicts.find({ where: { eventId: id }, order: { seq: 'ASC' } }),
      this.droppedConflicts.findOneBy({ eventId: id }),
    ]);
    return {
      ...summarize(event),
      payload: event.payload,
      conflicts: conflicts.map(({ receivedAt, payload }) => ({ receivedAt, payload })),
      conflictsNotKept: Number(dropped?.dropped ?? 0),
    };
  }

  /**
   * An id received within the dedupe window is read from the one partition webhook_event_ids
   * points at: its received time, as exact text, lets the planner plan that partition only. An
   * older id is looked for in every partition, its latest version first (an id delivered again
   * after the window is stored again).
   */
  private async find(id: string): Promise<WebhookEventEntity | null> {
    const [claim] = (await this.dataSource.query(`SELECT received_at::text AS received_at FROM webhook_event_ids WHERE id = $1`, [id])) as {
      received_at: string;
    }[];
    if (claim) {
      const event = await this.events
        .createQueryBuilder('event')
        .where('event.id = :id', { id })
        .andWhere('event.receivedAt = CAST(:receivedAt AS timestamptz)', { receivedAt: claim.received_at })
        .getOne();
      if (event) {
        return event;
      }
    }
    return this.events.findOne({ where: { id }, order: { receivedAt: 'DESC' } });
  }

  /**
   * Runs a stored event through its type's current handler again, in one transaction with the
   * event row locked. Handlers are idempotent per event id, so replaying a processed event
   * changes nothing.
   */
  async replay(id: string): Promise<EventSummary> {
    return this.dataSource.transaction(async (manager) => {
      const event = await manager.findOne(WebhookEventEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!event) {
        throw new NotFoundException(`No event with id ${id}`);
      }
      const verdict = this.bus.judge(event.type, event.payload.body);
      const runner = manager.queryRunner as QueryRunner;
      const query = await preparedQueryOn(runner);
      let state: EventState = 'processed';
      let error: string | null = null;
      if (verdict.kind === 'valid') {
        const replayed = { type: verdict.type, body: verdict.body, eventId: event.id, eventTime: event.eventTime };
        const failed = await this.bus.dispatchIsolated(replayed, { runner, query });
        if (failed) {
          state = 'failed';
          error = describeError(failed.error);
        }
      } else {
        state = verdict.kind;
      }
      await manager.update(
        WebhookEventEntity,
        { id },
        {
          state,
          error,
          reasons: verdict.kind === 'invalid' ? verdict.reasons : null,
          attempts: () => 'attempts + 1',
          processedAt: state === 'processed' ? new Date() : null,
        },
      );
      await this.bus.eventsStored([{ id, type: event.type, state }], query);
      return summarize((await manager.findOneBy(WebhookEventEntity, { id })) as WebhookEventEntity);
    });
  }
}
