import { Client } from 'pg';
import { TAKE_DUE } from '../src/destinations/delivery-relay.service';
import { createTestDatabase, type TestDatabase } from './support/test-database';

/** The batch size the relay asks for with the default FORWARD_CONCURRENCY. */
const BATCH = 100;

/**
 * The relay looks for due deliveries every half second and after every batch, so what one look
 * costs must not grow with the backlog: a destination far behind (ingest first, or a long outage)
 * has hundreds of thousands of deliveries waiting, usually more than the table's statistics knew
 * of when they were last gathered.
 */
describe('the relay with a large backlog', () => {
  let database: TestDatabase;
  let sql: Client;

  beforeAll(async () => {
    database = await createTestDatabase();
    sql = new Client({ connectionString: database.url });
    await sql.connect();
  });

  afterAll(async () => {
    await sql.end();
    await database.drop();
  });

  /** Buffers PostgreSQL touched for one look (prepared, as the service runs it), whose batch is then delivered. */
  async function buffersForOneLook(): Promise<number> {
    const { rows } = await sql.query<{ 'QUERY PLAN': [{ Plan: { 'Shared Hit Blocks': number; 'Shared Read Blocks': number } }] }>(
      `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) EXECUTE take_due(${BATCH}, '10 minutes')`,
    );
    await sql.query(
      `UPDATE forward_deliveries SET state = 'delivered', attempts = attempts + 1, next_attempt_at = NULL, last_attempt_at = now() WHERE state = 'sending'`,
    );
    await sql.query('UPDATE destinations SET batch_leased_until = NULL');
    const [{ Plan: plan }] = rows[0]['QUERY PLAN'];
    return plan['Shared Hit Blocks'] + plan['Shared Read Blocks'];
  }

  it('reads about as much with 30 000 deliveries waiting as with 200, before and after the plan is cached', async () => {
    const {
      rows: [{ id }],
    } = await sql.query<{ id: string }>(`INSERT INTO destinations (url, secret) VALUES ('http://127.0.0.1:9/hook', 'whsec_c2VjcmV0') RETURNING id`);
    const queue = (from: number, to: number, state: string) =>
      sql.query(
        `INSERT INTO forward_deliveries (destination_id, event_id, state, next_attempt_at)
         SELECT $1, 'evt-' || n, $4, CASE WHEN $4 = 'pending' THEN now() - interval '1 minute' END FROM generate_series($2::int, $3::int) AS n`,
        [id, from, to, state],
      );
    // A destination with a history, nothing waiting when the statistics were gathered, then a few.
    await queue(1, 50_000, 'delivered');
    await sql.query('ANALYZE forward_deliveries');
    await queue(50_001, 50_200, 'pending');
    await sql.query(`PREPARE take_due(int, interval) AS ${TAKE_DUE}`);
    const small = await buffersForOneLook();
    // Then a burst: the backlog grows before the statistics catch up. PostgreSQL plans a prepared
    // statement afresh for its first five runs, then may keep a generic plan: both are measured.
    await queue(50_201, 80_000, 'pending');
    const large: number[] = [];
    for (let look = 0; look < 7; look++) {
      large.push(await buffersForOneLook());
    }
    expect(Math.max(...large)).toBeLessThan(small * 2 + 500);
  });
});
