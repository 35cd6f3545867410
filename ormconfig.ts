import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './src/database/data-source.options';

/**
 * The data source of the TypeORM CLI (`npm run migration:*`). It uses DATABASE_URL, or the
 * embedded server of a service running on DATA_DIR (start it with `npm start` first).
 */
function databaseUrl(): string {
  if (process.env.DATABASE_URL) {
    return process.env.DATABASE_URL;
  }
  const urlFile = join(process.env.DATA_DIR ?? '.data', 'database-url');
  try {
    return readFileSync(urlFile, 'utf8').trim();
  } catch {
    throw new Error(`Set DATABASE_URL, or start the service with \`npm start\` so that ${urlFile} exists.`);
  }
}

export default new DataSource(dataSourceOptions(databaseUrl()));
