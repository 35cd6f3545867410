import { rmSync } from 'node:fs';
import { Client } from 'pg';
import { withDatabase } from '../../src/database/database-url';
import { TEMPLATE_DATABASE } from './test-database';

export default async function globalTeardown(): Promise<void> {
  if (globalThis.embeddedTestDatabase) {
    await globalThis.embeddedTestDatabase.stop();
  } else {
    const admin = new Client({ connectionString: withDatabase(process.env.TEST_SERVER_URL as string, 'postgres') });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
    await admin.end();
  }
  rmSync(process.env.TEST_TMP_ROOT as string, { recursive: true, force: true });
}
