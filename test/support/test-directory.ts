import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A fresh directory inside the run's own temporary root, which the global teardown removes
 * whole: a service's data directory with its PostgreSQL weighs tens of megabytes.
 */
export function testDirectory(prefix: string): string {
  return mkdtempSync(join(process.env.TEST_TMP_ROOT ?? tmpdir(), `${prefix}-`));
}
