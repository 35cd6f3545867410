import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Environment } from '../config/environment';
import { preparedQueryOn } from '../database/prepared-query';
import { JobQueue } from '../jobs/job-queue';

export const FORWARD_QUEUE = 'forward-delivery';

/** A batch of one destination's due deliveries, attempted by one job. */
export interface ForwardJob {
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
export const ROUNDS_PER_JOB = 10;

/** How often each instance looks for due deliveries, besides right after each attempt. */
const POLL_MS = 500;
/**
 * A delivery handed to the queue is looked at again after this long: if its job was lost (it
 * failed for good on database errors), it is queued once more. Longer than any job can run.
 */
const LEASE = '10 minutes';
/** Any constant: the advisory lock that lets one instance at a time hand deliveries to the queue. */
const RELAY_LOCK = 0x66776472;

/**
 * For each enabled destination that has no batch in flight, a batch of its due deliveries,
 * earliest first, each marked `sending` with a lease. The state is checked again on the updated
 * row, so a delivery that an attempt settled meanwhile is left alone.
 */
const TAKE_DUE = `
  WITH chosen AS (
    SELECT pick.seq
    FROM destinations d
    CROSS JOIN LATERAL (
      SELECT f.seq FROM forward_deliveries f
      WHERE f.destination_id = d.id AND f.state IN ('pending', 'sending') AND f.next_attempt_at <= now()
      ORDER BY f.next_attempt_at
      LIMIT $1
    ) pick
    WHERE d.enabled
      AND NOT EXISTS (SELECT 1 FROM forward_deliveries s WHERE s.destination_id = d.id AND s.state = 'sending' AND s.next_attempt_at > now())
  )
  UPDATE forward_deliveries f SET state = 'sending', next_attempt_at = now() + $2::interval
  FROM chosen
  WHERE f.seq = chosen.seq AND f.state IN ('pending', 'sending') AND f.next_attempt_at <= now()
  RETURNING f.seq, f.attempts, f.destination_id`;

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
        const batchSize = this.environment.FORWARD_CONCURRENCY * ROUNDS_PER_JOB;
        const due = locked ? await query<{ seq: string; attempts: number; destination_id: string }>(TAKE_DUE, [batchSize, LEASE]) : [];
        const batches = new Map<string, ForwardJob['deliveries']>();
        for (const { seq, attempts, destination_id } of due) {
          batches.set(destination_id, [...(batches.get(destination_id) ?? []), { seq, attempt: attempts }]);
        }
        await this.jobs.sendInTransaction<ForwardJob>(
          (text, values) => query(text, values),
          FORWARD_QUEUE,
          [...batches.values()].map((deliveries) => ({ data: { deliveries } })),
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
