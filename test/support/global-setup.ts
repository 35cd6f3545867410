import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source.options';
import { EmbeddedDatabase } from '../../src/database/embedded-database';
import { runMigrationsExclusively } from '../../src/database/run-migrations';
import { withDatabase } from '../../src/database/database-url';
import { TEMPLATE_DATABASE } from './test-database';
import { testDirectory } from './test-directory';

declare global {
  var embeddedTestDatabase: EmbeddedDatabase | undefined;
}

export const quietLogger = {
  log: () => undefined,
  warn: (message: string) => process.stderr.write(`${message}\n`),
  error: (message: string) => process.stderr.write(`${message}\n`),
};

/**
 * One PostgreSQL server for the whole run (DATABASE_URL, or an embedded one), and a template
 * database built by the migrations from which every test file copies its own clean database.
 */
export default async function globalSetup(): Promise<void> {
  process.env.TEST_TMP_ROOT = mkdtempSync(join(tmpdir(), 'webhook-tests-'));
  // Run as root, PostgreSQL runs as its own user, which must be able to pass through to its directory.
  chmodSync(process.env.TEST_TMP_ROOT, 0o711);
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const dataDir = testDirectory('database');
    // Durability is what the fault tests check on their own servers; this shared one favours speed.
    globalThis.embeddedTestDatabase = await EmbeddedDatabase.start(dataDir, quietLogger, { postgresFlags: ['-c', 'fsync=off', '-c', 'max_connections=300'] });
    serverUrl = globalThis.embeddedTestDatabase.url;
  }
  process.env.TEST_SERVER_URL = serverUrl;

  const admin = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await admin.end();

  const template = new DataSource(dataSourceOptions(withDatabase(serverUrl, TEMPLATE_DATABASE)));
  await template.initialize();
  await runMigrationsExclusively(template);
  await template.destroy();
}
