import type { DataSource } from 'typeorm';

/** Any constant: the key of the advisory lock that serializes migrations across instances. */
const MIGRATIONS_LOCK = 0x77686b73;

/**
 * Runs the pending migrations while holding a PostgreSQL advisory lock, so that instances that
 * start together on one database migrate one after the other instead of colliding.
 */
export async function runMigrationsExclusively(dataSource: DataSource): Promise<void> {
  const lockHolder = dataSource.createQueryRunner();
  await lockHolder.connect();
  try {
    await lockHolder.query('SELECT pg_advisory_lock($1)', [MIGRATIONS_LOCK]);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await lockHolder.query('SELECT pg_advisory_unlock($1)', [MIGRATIONS_LOCK]).catch(() => undefined);
    await lockHolder.release();
  }
}
