import { DataSource, type DataSourceOptions } from 'typeorm';

/** Any constant: the key of the advisory lock that serializes schema changes across instances. */
const MIGRATIONS_LOCK = 0x77686b73;

/**
 * Runs `change` while holding a PostgreSQL advisory lock, so that instances that start together
 * on one database change the schema one after the other instead of colliding.
 */
export async function whileHoldingMigrationsLock<T>(dataSource: DataSource, change: () => Promise<T>): Promise<T> {
  const lockHolder = dataSource.createQueryRunner();
  await lockHolder.connect();
  try {
    await lockHolder.query('SELECT pg_advisory_lock($1)', [MIGRATIONS_LOCK]);
    return await change();
  } finally {
    await lockHolder.query('SELECT pg_advisory_unlock($1)', [MIGRATIONS_LOCK]).catch(() => undefined);
    await lockHolder.release();
  }
}

/**
 * Runs the pending migrations under the migrations lock, on connections of their own without the
 * service's query timeout: a migration may rewrite or index a table of millions of rows, which
 * takes minutes on a large installation, where no query of the running service may take seconds.
 */
export async function runMigrationsExclusively(dataSource: DataSource): Promise<void> {
  const options = dataSource.options as DataSourceOptions & { extra?: Record<string, unknown> };
  const migrating = new DataSource({ ...options, extra: { ...options.extra, query_timeout: undefined, max: 2 } } as DataSourceOptions);
  await migrating.initialize();
  try {
    await whileHoldingMigrationsLock(migrating, () => migrating.runMigrations({ transaction: 'each' }));
  } finally {
    await migrating.destroy();
  }
}
