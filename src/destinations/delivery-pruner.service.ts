import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Environment } from '../config/environment';

/** How often each instance prunes; the work is small and one instance at a time does it. */
const PRUNE_EVERY_MS = 10 * 60_000;
/** Deliveries deleted per statement: short transactions that never hold up the workers for long. */
export const PRUNE_BATCH = 1_000;
/** Any constant: the advisory lock that lets one instance at a time prune. */
const PRUNE_LOCK = 0x66777072;

/**
 * The oldest settled deliveries past the retention, with their attempts. The state and age are
 * checked again on the row itself, so one replayed or retried meanwhile stays.
 */
const PRUNE = `
  WITH gone AS (
    DELETE FROM forward_deliveries f
    WHERE f.seq IN (
        SELECT seq FROM forward_deliveries
        WHERE state IN ('delivered', 'failed') AND last_attempt_at < now() - $1::interval
        ORDER BY last_attempt_at
        LIMIT $2
      )
      AND f.state IN ('delivered', 'failed') AND f.last_attempt_at < now() - $1::interval
    RETURNING f.seq
  ),
  history AS (
    DELETE FROM forward_attempts a USING gone WHERE a.delivery_seq = gone.seq
  )
  SELECT count(*)::int AS deleted FROM gone`;

/** FORWARD_RETENTION: delivered and failed deliveries, with their attempts, are deleted once old enough. */
@Injectable()
export class DeliveryPruner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DeliveryPruner.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly environment: Environment,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.prune()
        .catch((error: unknown) => {
          this.logger.warn(`Could not prune deliveries: ${error instanceof Error ? error.message : String(error)}`);
          return 0;
        })
        .finally(() => (this.running = undefined));
    }, PRUNE_EVERY_MS).unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  /** Deletes in batches until none is left past the retention (or another instance is at it); answers how many. */
  async prune(): Promise<number> {
    const retention = this.environment.forwardRetention;
    if (retention === 'forever') {
      return 0;
    }
    let total = 0;
    for (let deleted = PRUNE_BATCH; deleted === PRUNE_BATCH && !this.stopped;) {
      deleted = await this.dataSource.transaction(async (manager) => {
        const [{ locked }] = (await manager.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [PRUNE_LOCK])) as { locked: boolean }[];
        if (!locked) {
          return 0;
        }
        const [{ deleted: count }] = (await manager.query(PRUNE, [`${retention} milliseconds`, PRUNE_BATCH])) as { deleted: number }[];
        return count;
      });
      total += deleted;
    }
    if (total > 0) {
      this.logger.log(`Deleted ${total} deliveries settled more than ${this.environment.FORWARD_RETENTION} ago`);
    }
    return total;
  }
}
