import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { Counter, Gauge, Histogram } from 'prom-client';
import { DataSource, type QueryRunner } from 'typeorm';
import { Environment } from '../config/environment';
import { MetricsService } from '../metrics/metrics.service';
import { ensurePartitions, maintain, type PassReport, type Sql } from './maintenance.tasks';

/** Any constant: the key of the advisory lock that lets one replica at a time run the maintenance. */
const MAINTENANCE_LOCK = 0x6d61696e;
/** The first pass after boot: soon, so a service restarted often still applies retention, but after start-up. */
const FIRST_PASS_DELAY_MS = 60_000;

export type PassOutcome = { ran: true; report: PassReport } | { ran: false; reason: 'busy' | 'locked' };

/**
 * Keeps the event store's partitions ahead of time and applies retention, on a schedule inside the
 * service. A PostgreSQL advisory lock, held on the maintenance's own connection for the pass, makes
 * one replica do it; the others skip that pass.
 */
@Injectable()
export class MaintenanceService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Maintenance');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<PassOutcome> | undefined;
  private stopping = false;

  private readonly passes: Counter<'result'>;
  private readonly passDuration: Histogram;
  private readonly rowsDeleted: Counter<'table'>;
  private readonly partitionChanges: Counter<'action'>;
  private readonly lastSuccess: Gauge;

  constructor(
    private readonly dataSource: DataSource,
    private readonly environment: Environment,
    metrics: MetricsService,
  ) {
    const registers = [metrics.registry];
    this.passes = new Counter({
      name: 'maintenance_passes_total',
      help: 'Maintenance passes, by result: done, locked (another replica held the lock), failed',
      labelNames: ['result'],
      registers,
    });
    this.passDuration = new Histogram({
      name: 'maintenance_pass_duration_seconds',
      help: 'Duration of the maintenance passes this replica ran',
      buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 1800],
      registers,
    });
    this.rowsDeleted = new Counter({ name: 'maintenance_rows_deleted_total', help: 'Rows deleted by retention, by table', labelNames: ['table'], registers });
    this.partitionChanges = new Counter({
      name: 'maintenance_partitions_total',
      help: 'Event store partitions created ahead and dropped by retention',
      labelNames: ['action'],
      registers,
    });
    this.lastSuccess = new Gauge({ name: 'maintenance_last_success_timestamp_seconds', help: 'When a maintenance pass last completed here', registers });
  }

  /** Before the service answers: today's and the coming days' partitions exist (unless another replica is making them). */
  async onApplicationBootstrap(): Promise<void> {
    await this.withLock(async (sql) => {
      const created = await ensurePartitions(sql, new Date());
      if (created.length > 0) {
        this.logger.log(`Created event partitions ${created.join(', ')}`);
      }
    });
    const interval = this.environment.maintenanceIntervalMs;
    this.timer = setTimeout(() => this.scheduled(interval), Math.min(interval, FIRST_PASS_DELAY_MS));
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One pass now, unless one is already running here or another replica holds the lock. */
  runOnce(now = new Date()): Promise<PassOutcome> {
    if (this.running) {
      return Promise.resolve({ ran: false, reason: 'busy' });
    }
    this.running = this.pass(now).finally(() => (this.running = undefined));
    return this.running;
  }

  private scheduled(interval: number): void {
    // A failed pass is logged and counted; the next one retries.
    void this.runOnce()
      .catch(() => undefined)
      .finally(() => {
        if (!this.stopping) {
          this.timer = setTimeout(() => this.scheduled(interval), interval);
          this.timer.unref();
        }
      });
  }

  private async pass(now: Date): Promise<PassOutcome> {
    const stopTimer = this.passDuration.startTimer();
    try {
      const report = await this.withLock((sql) => maintain(sql, this.environment, now, () => this.stopping));
      if (!report) {
        this.passes.inc({ result: 'locked' });
        return { ran: false, reason: 'locked' };
      }
      this.record(report, stopTimer());
      return { ran: true, report };
    } catch (error) {
      this.passes.inc({ result: 'failed' });
      this.logger.error(`Maintenance pass failed, retried at the next one: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    }
  }

  private record(report: PassReport, seconds: number): void {
    this.passes.inc({ result: 'done' });
    this.lastSuccess.setToCurrentTime();
    this.partitionChanges.inc({ action: 'created' }, report.partitionsCreated.length);
    this.partitionChanges.inc({ action: 'dropped' }, report.partitionsDropped.length);
    for (const [table, rows] of Object.entries(report.deleted)) {
      this.rowsDeleted.inc({ table }, rows);
    }
    const deleted = Object.entries(report.deleted).map(([table, rows]) => `${rows} ${table}`);
    this.logger.log(
      `Maintenance pass in ${seconds.toFixed(1)} s: partitions created [${report.partitionsCreated.join(', ')}], ` +
        `dropped [${report.partitionsDropped.join(', ')}]; rows deleted: ${deleted.join(', ')}`,
    );
  }

  /** Runs `work` on a connection holding the maintenance lock; undefined when another session holds it. */
  private async withLock<T>(work: (sql: Sql) => Promise<T>): Promise<T | undefined> {
    const runner: QueryRunner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [MAINTENANCE_LOCK])) as { locked: boolean }[];
      if (!locked) {
        return undefined;
      }
      try {
        return await work((text, parameters) => runner.query(text, parameters));
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [MAINTENANCE_LOCK]);
      }
    } finally {
      await runner.release();
    }
  }
}
