import { DataSource } from 'typeorm';
import { JobQueue, type RunningJob } from '../src/jobs/job-queue';
import { createTestDatabase } from './support/test-database';
import { rows, startTestApp, type TestApp } from './support/test-app';

const QUEUE = 'test.echo';

async function until<T>(probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error('timed out waiting');
    }
    await new Promise((done) => setTimeout(done, 50));
  }
}

describe('the job queue', () => {
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    // Two replicas starting together on a database pg-boss has never seen: both create its schema.
    const database = await createTestDatabase();
    [first, second] = await Promise.all([startTestApp({ database }), startTestApp({ database })]);
  });

  afterAll(async () => {
    await second.close({ keepDatabase: true });
    await first.close();
  });

  it('is installed once by replicas that start together', async () => {
    const [{ versions }] = await rows<{ versions: number }>(first, 'SELECT count(*)::int AS versions FROM pgboss.version');
    expect(versions).toBe(1);
  });

  it('holds a job sent in a transaction only once that transaction commits, and runs it once across replicas', async () => {
    const seen: RunningJob<{ n: number }>[] = [];
    for (const app of [first, second]) {
      const queue = app.app.get(JobQueue);
      await queue.declareQueue(QUEUE, { policy: 'standard', retryLimit: 0, retryDelaySeconds: 1, retryBackoff: false, expireInSeconds: 30 });
      await queue.work<{ n: number }>(QUEUE, 2, async (job) => {
        seen.push(job);
      });
    }
    const queue = first.app.get(JobQueue);
    const dataSource = first.app.get(DataSource);
    for (const [n, outcome] of [
      [1, 'rollback'],
      [2, 'commit'],
    ] as const) {
      const runner = dataSource.createQueryRunner();
      await runner.startTransaction();
      await queue.sendInTransaction((text, values) => runner.query(text, values) as Promise<unknown[]>, QUEUE, [{ data: { n } }]);
      await (outcome === 'commit' ? runner.commitTransaction() : runner.rollbackTransaction());
      await runner.release();
    }
    await queue.send(QUEUE, [{ data: { n: 3 } }]);

    await until(() => (seen.length >= 2 ? true : undefined));
    await new Promise((done) => setTimeout(done, 1_500));
    expect(seen.map((job) => job.data.n).sort()).toEqual([2, 3]);
    expect(await queue.waitingJobs(QUEUE)).toBe(0);
  });
});
