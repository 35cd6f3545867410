import cluster, { type Worker } from 'node:cluster';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../database/data-source.options';
import { runMigrationsExclusively } from '../database/run-migrations';
import type { DatabaseKind } from '../metrics/metrics.service';

/** Tells a worker which database the primary chose and whether the primary started it. */
export const WORKER_DATABASE_KIND = 'WORKER_DATABASE_KIND';

export interface ClusterLog {
  warn(message: string): void;
}

/** The database kind a worker reports: the one its primary passed down, or external. */
export function workerDatabaseKind(env: Record<string, string | undefined>): DatabaseKind {
  return env[WORKER_DATABASE_KIND] === 'embedded' ? 'embedded' : 'external';
}

/** Brings the schema up to date once, in the primary, before any worker connects. */
export async function migrateOnce(databaseUrl: string): Promise<void> {
  const dataSource = await new DataSource(dataSourceOptions(databaseUrl)).initialize();
  try {
    await runMigrationsExclusively(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/**
 * The primary process of WORKERS > 1: forks the workers, which share the listening port (Node's
 * cluster hands each new connection to one of them), replaces a worker that dies, and stops them
 * all on `stop()`. `started` rejects when a worker ends before it listens: a worker that cannot
 * start would only fail again, so the service stops instead of restarting it forever.
 */
export class WorkerCluster {
  readonly started: Promise<void>;
  private stopping = false;
  private readonly workers = new Set<Worker>();

  constructor(
    count: number,
    private readonly env: Record<string, string>,
    private readonly log: ClusterLog,
  ) {
    this.started = Promise.all(Array.from({ length: count }, () => this.fork())).then(() => undefined);
  }

  /** Asks every worker to finish its in-flight requests and waits until all have exited. */
  async stop(): Promise<void> {
    this.stopping = true;
    const exits = [...this.workers].map((worker) => new Promise((resolve) => (worker.isDead() ? resolve(undefined) : worker.once('exit', resolve))));
    for (const worker of this.workers) {
      worker.process.kill('SIGTERM');
    }
    await Promise.all(exits);
  }

  private fork(): Promise<void> {
    const worker = cluster.fork(this.env);
    this.workers.add(worker);
    return new Promise((resolve, reject) => {
      let listening = false;
      worker.once('listening', () => {
        listening = true;
        resolve();
      });
      worker.once('exit', (code, signal) => {
        this.workers.delete(worker);
        if (!listening) {
          reject(new Error(`Worker ${worker.process.pid} ended before it listened (${signal ?? `exit code ${code}`})`));
        } else if (!this.stopping) {
          this.log.warn(`Worker ${worker.process.pid} ended (${signal ?? `exit code ${code}`}); starting another`);
          this.fork().catch((error: unknown) => this.log.warn(error instanceof Error ? error.message : String(error)));
        }
      });
    });
  }
}
