import { type BeforeApplicationShutdown, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import PgBoss from 'pg-boss';
import type { DataSource } from 'typeorm';
import { whileHoldingMigrationsLock } from '../database/run-migrations';

/**
 * The service's durable job queue: pg-boss on the service's own PostgreSQL, in the schema
 * `pgboss`. Jobs survive restarts and crashes; several replicas share one queue, and each job
 * runs on one of them at a time.
 *
 * How a module uses it (inject `JobQueue`, it is global):
 *
 * 1. `declareQueue(name, settings)` once at boot (idempotent; later settings replace earlier ones).
 *    Call it, and `work`, from `onApplicationBootstrap`: an application that fails to initialise
 *    never shuts down, and must not leave pg-boss's timers running.
 * 2. `sendInTransaction(sql, name, jobs)` from code that runs in a transaction, with `sql` running
 *    statements on that transaction's connection: the jobs exist if and only if the transaction
 *    commits. In an event handler that is `context.query`:
 *    `await jobs.sendInTransaction(context.query, 'my-queue', [{ data: { id } }])`; with a TypeORM
 *    query runner, `(text, values) => runner.query(text, values)`. `send(name, jobs)` enqueues on
 *    its own, outside any transaction.
 * 3. `work(name, concurrency, handler)` at boot: `concurrency` jobs of the queue at most run at once
 *    in this process. A handler that returns completes its job; one that throws fails it, and the
 *    queue retries it as its settings say. `signal` aborts when the service shuts down: a job cut
 *    short then counts as failed and is retried, here or on another replica.
 *
 * A job may run more than once (a crash mid-job, an expiry, a re-sent job): handlers are
 * idempotent.
 */

/** Runs one SQL statement on the caller's transaction connection and answers its rows. */
export type TransactionSql = (text: string, values: unknown[]) => Promise<unknown[]>;

export interface QueueSettings {
  /**
   * `standard`, or `short`: at most one waiting (not yet started) job per `singletonKey`, so
   * re-sending work already queued adds nothing. Every job of a `short` queue needs a key.
   */
  policy: 'standard' | 'short';
  /** Retries after the first attempt before the job is failed for good. */
  retryLimit: number;
  /** Seconds before the first retry; with `retryBackoff` each next delay doubles (with jitter). */
  retryDelaySeconds: number;
  retryBackoff: boolean;
  /** An attempt running longer than this is failed (and retried). */
  expireInSeconds: number;
}

export interface JobToSend<T extends object> {
  data: T;
  singletonKey?: string;
}

export interface RunningJob<T extends object> {
  id: string;
  data: T;
  /** Attempts made before this one. */
  retryCount: number;
  createdOn: Date;
}

export type JobHandler<T extends object> = (job: RunningJob<T>, signal: AbortSignal) => Promise<void>;

export interface JobQueueOptions {
  databaseUrl: string;
  /** How often an idle worker asks for a job. */
  pollingIntervalSeconds?: number;
}

const SCHEMA = 'pgboss';
/** Connections of pg-boss's own pool: the workers' polls, sends outside a transaction and maintenance. */
const POOL_SIZE = 6;
const STOP_TIMEOUT_MS = 10_000;
const ERROR_LOG_INTERVAL_MS = 10_000;

@Injectable()
export class JobQueue implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(JobQueue.name);
  private readonly boss: PgBoss;
  private readonly stopping = new AbortController();
  private started?: Promise<PgBoss>;

  constructor(
    options: JobQueueOptions,
    private readonly dataSource: DataSource,
  ) {
    // Handed on to pg's pool, which pg-boss's types do not list: a database outage fails fast.
    const poolTimeouts = { connectionTimeoutMillis: 2_000 };
    this.boss = new PgBoss({
      ...poolTimeouts,
      connectionString: options.databaseUrl,
      schema: SCHEMA,
      application_name: 'whatsapp-webhook-receiver-jobs',
      max: POOL_SIZE,
      schedule: false,
      pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1,
    });
    // An EventEmitter's 'error' without a listener would end the process. While the database is
    // down every worker's poll fails each second: one line per interval says so.
    let lastLogged = 0;
    this.boss.on('error', (error: Error) => {
      if (Date.now() - lastLogged >= ERROR_LOG_INTERVAL_MS) {
        lastLogged = Date.now();
        this.logger.warn(`Job queue: ${error.message}`);
      }
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.ready();
  }

  async declareQueue(name: string, settings: QueueSettings): Promise<void> {
    const boss = await this.ready();
    const queue: PgBoss.Queue = {
      name,
      policy: settings.policy,
      retryLimit: settings.retryLimit,
      retryDelay: settings.retryDelaySeconds,
      retryBackoff: settings.retryBackoff,
      expireInSeconds: settings.expireInSeconds,
    };
    // Creating a queue creates its table: replicas that start together would deadlock on it.
    await whileHoldingMigrationsLock(this.dataSource, async () => {
      await boss.createQueue(name, queue);
      await boss.updateQueue(name, queue);
    });
  }

  async sendInTransaction<T extends object>(sql: TransactionSql, name: string, jobs: JobToSend<T>[]): Promise<void> {
    if (jobs.length === 0) {
      return;
    }
    const boss = await this.ready();
    const db: PgBoss.Db = { executeSql: async (text, values) => ({ rows: await sql(text, values) }) };
    await boss.insert(this.inserts(name, jobs), { db });
  }

  async send<T extends object>(name: string, jobs: JobToSend<T>[]): Promise<void> {
    if (jobs.length === 0) {
      return;
    }
    await (await this.ready()).insert(this.inserts(name, jobs));
  }

  async work<T extends object>(name: string, concurrency: number, handler: JobHandler<T>): Promise<void> {
    const boss = await this.ready();
    for (let slot = 0; slot < concurrency; slot++) {
      let workerId = '';
      workerId = await boss.work<T>(name, { batchSize: 1, includeMetadata: true }, async ([job]) => {
        try {
          await handler({ id: job.id, data: job.data, retryCount: job.retryCount, createdOn: job.createdOn }, this.stopping.signal);
        } finally {
          // A worker that just finished a job asks for the next one at once instead of sleeping.
          boss.notifyWorker(workerId);
        }
      });
    }
  }

  /** Jobs waiting to run (new or due for a retry), not counting the running ones. */
  async waitingJobs(name: string): Promise<number> {
    return (await this.ready()).getQueueSize(name, { before: 'active' });
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (!this.started) {
      return;
    }
    this.stopping.abort();
    await this.boss.stop({ graceful: true, wait: true, timeout: STOP_TIMEOUT_MS });
  }

  /**
   * Starts pg-boss once. It creates or upgrades its schema on start: under the migrations lock,
   * so replicas that start together on a new database do not race each other or the migrations.
   */
  private ready(): Promise<PgBoss> {
    this.started ??= whileHoldingMigrationsLock(this.dataSource, () => this.boss.start());
    return this.started;
  }

  private inserts<T extends object>(name: string, jobs: JobToSend<T>[]): PgBoss.JobInsert<T>[] {
    return jobs.map(({ data, singletonKey }) => ({ name, data, singletonKey }));
  }
}
