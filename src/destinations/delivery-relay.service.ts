import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Environment } from '../config/environment';
import { preparedQueryOn } from '../database/prepared-query';
import { JobQueue } from '../jobs/job-queue';
import { IngestPressure } from './ingest-pressure';

export const FORWARD_QUEUE = 'forward-delivery';

/** A batch of one destination's due deliveries, attempted by one job. */
export interface ForwardJob {
  destinationId: string;
  /** The destination's batch lease this job holds: it frees it when done, unless a newer batch took it since. */
  leasedUntil: string;
  deliveries: {
    /** The delivery's seq. */
    seq: string;
    /** The attempts it had when queued: a job whose delivery has moved on since is stale and leaves it alone. */
    attempt: number;
  }[];
}

/**
 * A job takes at most this many rounds of FORWARD_CONCURRENCY attempts: the batch is large
 * enough that the queue's and the database's work per event stays small next to ingest, and
 * small enough that its longest run (every attempt timing out) stays well inside the lease.
 */
export const ROUNDS_PER_JOB = 25;

/** How often each instance looks for due deliveries, besides right after each attempt. */
const POLL_MS = 500;
/**
 * A delivery handed to the queue is looked at again after this long: if its job was lost (it
 * failed for good on database errors), it is queued once more. Longer than any job can run.
 */
const LEASE = '10 minutes';
/** Any constant: the advisory lock that lets one instance at a time hand deliveries to the queue. */
const RELAY_LOCK = 0x66776472;

/** Outbox batches expanded per look while the service has room; while ingest keeps it busy, one. */
const EXPAND_BATCHES_PER_LOOK = 1000;

/**
 * Expands the oldest outbox batches into deliveries, one per event and destination, due from when
 * the events were stored. A destination deleted meanwhile takes its batches' events with it; a
 * second expansion of an event (a replay recorded it again) adds nothing.
 */
const EXPAND_BATCHES = `
  WITH taken AS (
    DELETE FROM forward_batches
    WHERE seq IN (SELECT seq FROM forward_batches ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED)
    RETURNING destination_id, event_ids, recorded_at
  )
  INSERT INTO forward_deliveries (destination_id, event_id, next_attempt_at)
  SELECT t.destination_id, e.id, t.recorded_at
  FROM taken t JOIN destinations d ON d.id = t.destination_id
  CROSS JOIN LATERAL unnest(t.event_ids) WITH ORDINALITY AS e(id, ord)
  ORDER BY t.destination_id, t.recorded_at, e.ord
  ON CONFLICT (destination_id, event_id) DO NOTHING`;

/**
 * For each enabled destination with due deliveries and no batch in flight (its batch lease is
 * free or expired), a lease and a batch of its due deliveries, earliest first, each marked
 * `sending` with the same lease. The lease lives on the destination row: looking for batches in
 * flight among the deliveries meant scanning every recently sent one (dead index entries a
 * bitmap scan never clears), which made this statement the database's busiest under load.
 * Whether a destination has a due delivery is asked of its earliest one, which the due index
 * finds at its head: as an EXISTS, the planner collected every due row of every destination (a
 * bitmap scan over the whole backlog, and over every entry its catch-up left dead) on each look,
 * which made this statement cost more database time than storing the events.
 * The batch's rows are locked as they are picked, which checks their state again on the latest
 * version (a delivery settled meanwhile is left alone), so the update finds them by key alone:
 * with the state and due time repeated there, statistics gathered before a burst let the
 * planner scan every due delivery once per picked one (a second the look, at 30 000 waiting).
 */
export const TAKE_DUE = `
  WITH leased AS (
    UPDATE destinations d SET batch_leased_until = now() + $2::interval
    WHERE d.enabled
      AND (d.batch_leased_until IS NULL OR d.batch_leased_until <= now())
      AND (
        SELECT f.next_attempt_at FROM forward_deliveries f
        WHERE f.destination_id = d.id AND f.state IN ('pending', 'sending')
        ORDER BY f.next_attempt_at
        LIMIT 1
      ) <= now()
    RETURNING d.id, d.batch_leased_until
  ),
  chosen AS MATERIALIZED (
    SELECT pick.seq, l.batch_leased_until
    FROM leased l
    CROSS JOIN LATERAL (
      SELECT f.seq FROM forward_deliveries f
      WHERE f.destination_id = l.id AND f.state IN ('pending', 'sending') AND f.next_attempt_at <= now()
      ORDER BY f.next_attempt_at
      LIMIT $1
      FOR UPDATE SKIP LOCKED
    ) pick
  )
  UPDATE forward_deliveries f SET state = 'sending', next_attempt_at = chosen.batch_leased_until
  FROM chosen
  WHERE f.seq = chosen.seq
  RETURNING f.seq, f.attempts, f.destination_id, chosen.batch_leased_until::text AS leased_until`;

/**
 * Moves due deliveries from the outbox to the job queue, one batch per destination at a time. The
 * job is created in the transaction that marks its deliveries `sending`, so a crash loses
 * neither. One job per destination, with FORWARD_CONCURRENCY attempts at once inside it, is what
 * keeps one slow destination from taking every worker.
 */
@Injectable()
export class DeliveryRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DeliveryRelay.name);
  private timer?: NodeJS.Timeout;
  /** The look in progress, and the one queued behind it. */
  private current?: Promise<void>;
  private next?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    private readonly environment: Environment,
    private readonly pressure: IngestPressure,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.soon(), POLL_MS);
    void this.soon();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.next;
    await this.current;
  }

  /**
   * Looks for due deliveries now, or right after the look in progress; resolves when a look that
   * started after the call has finished. A worker awaits it after each attempt, so the job that
   * takes its place is committed before the worker asks the queue for the next one.
   */
  soon(): Promise<void> {
    if (this.stopped) {
      return Promise.resolve();
    }
    if (!this.current) {
      this.current = this.relay()
        .catch((error: unknown) => this.logger.warn(`Could not queue due deliveries: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => (this.current = undefined));
      return this.current;
    }
    this.next ??= this.current.then(() => {
      this.next = undefined;
      return this.soon();
    });
    return this.next;
  }

  private async relay(): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    try {
      const query = await preparedQueryOn(runner);
      await query('BEGIN', []);
      try {
        const [{ locked }] = await query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS locked', [RELAY_LOCK]);
        if (locked) {
          await query(EXPAND_BATCHES, [this.pressure.busy ? 1 : EXPAND_BATCHES_PER_LOOK]);
        }
        const batchSize = this.environment.FORWARD_CONCURRENCY * ROUNDS_PER_JOB;
        const due = locked ? await query<{ seq: string; attempts: number; destination_id: string; leased_until: string }>(TAKE_DUE, [batchSize, LEASE]) : [];
        const batches = new Map<string, ForwardJob>();
        for (const { seq, attempts, destination_id, leased_until } of due) {
          const batch = batches.get(destination_id) ?? { destinationId: destination_id, leasedUntil: leased_until, deliveries: [] };
          batch.deliveries.push({ seq, attempt: attempts });
          batches.set(destination_id, batch);
        }
        await this.jobs.sendInTransaction<ForwardJob>(
          (text, values) => query(text, values),
          FORWARD_QUEUE,
          [...batches.values()].map((data) => ({ data })),
        );
        await query('COMMIT', []);
      } catch (error) {
        await query('ROLLBACK', []).catch(() => undefined);
        throw error;
      }
    } finally {
      await runner.release();
    }
  }
}
