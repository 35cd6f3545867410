import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';

/** Pool limits chosen so that a database outage turns into a quick 503, never a hung request. */
export const POOL_SIZE = 20;

export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: [join(__dirname, '..', '**', '*.entity.{ts,js}')],
    migrations: [join(__dirname, '..', '..', 'migrations', '*.{ts,js}')],
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    extra: {
      max: POOL_SIZE,
      connectionTimeoutMillis: 2_000,
      query_timeout: 4_000,
      application_name: 'whatsapp-webhook-receiver',
      // Statements issued together go out together instead of one round trip each (see StatementPipeline).
      pipeline: true,
    },
  };
}
