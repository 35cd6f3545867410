import { HttpStatus, Injectable } from '@nestjs/common';
import { ApiError } from '../common/api-error';
import { DataSource } from 'typeorm';
import { funnelOf, type StageCounts } from './message-funnel.rules';
import type { FailureReasonsQueryDto, StatsQueryDto } from './stats-query.dto';
import { alignedSeries, bucketStartsOf, statsWindow, StatsWindowError, storedWidth, type StatsWindow } from './stats-window.rules';
import type { CurrentCountsView, EventCountsView, FailureReasonsView, InboundCountsView, MessageFunnelView } from './stats.views';

/**
 * Rows of one stored width in [since, until): an index range scan of the primary key. `BUCKET`
 * is the start of the answer's bucket ($4: a day sums its hour rows), and the sums add the shards.
 */
const IN_WINDOW = 'bucket_width = $1 AND bucket_start >= $2 AND bucket_start < $3';
const BUCKET = `date_trunc($4, bucket_start, 'UTC')`;

export const EVENT_COUNTS = `
  SELECT ${BUCKET} AS bucket_start, type, outcome, sum(count)::float8 AS count FROM stats_event_counts WHERE ${IN_WINDOW}
  GROUP BY 1, 2, 3 HAVING sum(count) <> 0`;

const FUNNEL = `
  SELECT ${BUCKET} AS bucket_start, stage, sum(count)::float8 AS count FROM stats_message_funnel WHERE ${IN_WINDOW}
  GROUP BY 1, 2 HAVING sum(count) <> 0 ORDER BY 1`;

const FAILURE_REASONS = `
  SELECT code, message, sum(count)::float8 AS count, (array_agg(example_message_id ORDER BY bucket_start DESC))[1] AS example_message_id
  FROM stats_failure_reasons WHERE ${IN_WINDOW}
  GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT $4`;

const INBOUND_COUNTS = `
  SELECT ${BUCKET} AS bucket_start, type, sum(count)::float8 AS count FROM stats_inbound_counts WHERE ${IN_WINDOW}
  GROUP BY 1, 2`;

/** The state tables hold one row per template, account or phone number: few enough to count directly. */
const CURRENT_COUNTS = `
  SELECT 'templates' AS kind, status AS state, count(*)::float8 AS count FROM templates GROUP BY status
  UNION ALL SELECT 'accounts', decision, count(*)::float8 FROM accounts GROUP BY decision
  UNION ALL SELECT 'phoneNumbers', decision, count(*)::float8 FROM phone_numbers GROUP BY decision`;

/** Answers GET /stats/* from the rollup tables the ingest transaction keeps (see migration CreateStatsRollups). */
@Injectable()
export class StatsService {
  constructor(private readonly dataSource: DataSource) {}

  async eventCounts(query: StatsQueryDto): Promise<EventCountsView> {
    const window = this.window(query);
    const rows = await this.inWindow<{ bucket_start: Date; type: string; outcome: string; count: number }>(EVENT_COUNTS, window);
    const buckets = bucketStartsOf(window);
    const series = alignedSeries(
      rows.map((row) => ({ bucketStart: row.bucket_start, type: row.type, outcome: row.outcome, count: row.count })),
      buckets,
      ['type', 'outcome'],
    );
    return { ...window, buckets, series };
  }

  async messageFunnel(query: StatsQueryDto): Promise<MessageFunnelView> {
    const window = this.window(query);
    const rows = await this.inWindow<{ bucket_start: Date; stage: keyof StageCounts; count: number }>(FUNNEL, window);
    const byBucket = new Map<number, StageCounts>();
    const total: StageCounts = {};
    for (const row of rows) {
      const stages = byBucket.get(row.bucket_start.getTime()) ?? {};
      stages[row.stage] = row.count;
      byBucket.set(row.bucket_start.getTime(), stages);
      total[row.stage] = (total[row.stage] ?? 0) + row.count;
    }
    return {
      ...window,
      items: [...byBucket].map(([start, stages]) => ({ bucketStart: new Date(start), ...funnelOf(stages) })),
      total: { bucketStart: window.since, ...funnelOf(total) },
    };
  }

  async failureReasons(query: FailureReasonsQueryDto): Promise<FailureReasonsView> {
    const window = this.window(query);
    const rows: { code: string; message: string; count: number; example_message_id: string }[] = await this.dataSource.query(FAILURE_REASONS, [
      storedWidth(window.bucket),
      window.since,
      window.until,
      query.limit,
    ]);
    return { ...window, items: rows.map((row) => ({ code: row.code, message: row.message, count: row.count, exampleMessageId: row.example_message_id })) };
  }

  async inboundCounts(query: StatsQueryDto): Promise<InboundCountsView> {
    const window = this.window(query);
    const rows = await this.inWindow<{ bucket_start: Date; type: string; count: number }>(INBOUND_COUNTS, window);
    const buckets = bucketStartsOf(window);
    const series = alignedSeries(
      rows.map((row) => ({ bucketStart: row.bucket_start, type: row.type, count: row.count })),
      buckets,
      ['type'],
    );
    return { ...window, buckets, series };
  }

  async currentCounts(): Promise<CurrentCountsView> {
    const counts: CurrentCountsView = { templates: {}, accounts: {}, phoneNumbers: {} };
    const rows: { kind: keyof CurrentCountsView; state: string; count: number }[] = await this.dataSource.query(CURRENT_COUNTS);
    for (const row of rows) {
      counts[row.kind][row.state] = row.count;
    }
    return counts;
  }

  private window(query: StatsQueryDto): StatsWindow {
    try {
      return statsWindow(query, new Date());
    } catch (error) {
      if (error instanceof StatsWindowError) {
        throw new ApiError(HttpStatus.BAD_REQUEST, 'invalid_query', [error.message], { fields: { [error.field]: [error.message] } });
      }
      throw error;
    }
  }

  private inWindow<Row>(sql: string, window: StatsWindow): Promise<Row[]> {
    return this.dataSource.query(sql, [storedWidth(window.bucket), window.since, window.until, window.bucket]);
  }
}
