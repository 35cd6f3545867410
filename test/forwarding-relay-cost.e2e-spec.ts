import { Client } from 'pg';
import { TAKE_DUE } from '../src/destinations/delivery-relay.service';
import { createTestDatabase, type TestDatabase } from './support/test-database';

/** Buffers PostgreSQL touched to run the relay's look for due deliveries once (rolled back). */
async function buffersForOneLook(sql: Client): Promise<number> {
  await sql.query('BEGIN');
  try {
    const { rows } = await sql.query<{ 'QUERY PLAN': [{ Plan: { 'Shared Hit Blocks': number; 'Shared Read Blocks': number } }] }>(
      `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${TAKE_DUE.replace('$1', '1').replace('$2::interval', `'10 minutes'::interval`)}`,
    );
    const [{ Plan: plan }] = rows[0]['QUERY PLAN'];
    return plan['Shared Hit Blocks'] + plan['Shared Read Blocks'];
  } finally {
    await sql.query('ROLLBACK');
  }
}

/**
 * The relay looks for due deliveries every half second and after every batch, so what one look
 * costs must not grow with the backlog: a destination far behind (ingest first, or a long outage)
 * has hundreds of thousands of deliveries waiting.
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

  it('reads about as much for 100 000 waiting deliveries as for 100', async () => {
    const {
      rows: [{ id }],
    } = await sql.query<{ id: string }>(`INSERT INTO destinations (url, secret) VALUES ('http://127.0.0.1:9/hook', 'whsec_c2VjcmV0') RETURNING id`);
    const queue = (from: number, to: number, state: string) =>
      sql.query(
        `INSERT INTO forward_deliveries (destination_id, event_id, state, next_attempt_at)
         SELECT $1, 'evt-' || n, $4, CASE WHEN $4 = 'pending' THEN now() - interval '1 minute' END FROM generate_series($2::int, $3::int) AS n`,
        [id, from, to, state],
      );
    // A destination with a history, a few deliveries waiting, and statistics that say so.
    await queue(1, 20_000, 'delivered');
    await queue(20_001, 20_100, 'pending');
    await sql.query('ANALYZE forward_deliveries');
    const small = await buffersForOneLook(sql);
    // Then a burst: the backlog grows before the statistics catch up.
    await queue(20_101, 120_000, 'pending');
    const large = await buffersForOneLook(sql);
    expect(large).toBeLessThan(small * 2 + 20);
  });
});
