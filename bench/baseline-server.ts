/**
 * The bare baseline of `npm run bench`: what a hand-written receiver does per request, with no
 * framework. Parse JSON, check the two headers, then in one transaction insert the raw event
 * (ON CONFLICT DO NOTHING) and upsert the message or inbound row; answer 200 after COMMIT.
 */
import { createServer } from 'node:http';
import { Pool } from 'pg';

export const BASELINE_SCHEMA = `
  CREATE TABLE IF NOT EXISTS raw_events (id text PRIMARY KEY, type text NOT NULL, event_time timestamptz NOT NULL,
    payload jsonb NOT NULL, received_at timestamptz NOT NULL DEFAULT now());
  CREATE TABLE IF NOT EXISTS messages (id text PRIMARY KEY, status text NOT NULL, status_rank int NOT NULL,
    event_time timestamptz NOT NULL, wamid text, updated_at timestamptz NOT NULL DEFAULT now());
  CREATE TABLE IF NOT EXISTS inbound_messages (id text PRIMARY KEY, from_phone text, type text, payload jsonb NOT NULL);`;

const RANK: Record<string, number> = { sent: 1, failed: 2, delivered: 3, read: 4 };

function serve(): void {
  const pool = new Pool({ connectionString: process.env.BASELINE_DATABASE_URL, max: Number(process.env.POOL_SIZE ?? 20) });
  const username = process.env.WEBHOOK_USERNAME;
  const authorization = process.env.WEBHOOK_AUTHORIZATION;

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const answer = (status: number, body: object) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      };
      if (request.headers.username !== username || request.headers.authorization !== authorization) {
        return answer(401, { error: 'unauthorized' });
      }
      let event: { id: string; type: string; eventTime: string; body: Record<string, string> };
      try {
        event = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return answer(400, { error: 'malformed JSON' });
      }
      void store(pool, event).then(
        (status) => answer(200, { status, eventId: event.id }),
        () => answer(503, { error: 'not stored' }),
      );
    });
  });
  server.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('listening'));
}

async function store(pool: Pool, event: { id: string; type: string; eventTime: string; body: Record<string, string> }): Promise<string> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const inserted = await client.query(
      'INSERT INTO raw_events (id, type, event_time, payload) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING RETURNING id',
      [event.id, event.type, event.eventTime, event],
    );
    if (inserted.rowCount === 1 && event.type === 'whatsapp_message_status_updated') {
      await client.query(
        `INSERT INTO messages AS m (id, status, status_rank, event_time, wamid) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, status_rank = EXCLUDED.status_rank, event_time = EXCLUDED.event_time, updated_at = now()
         WHERE (EXCLUDED.status_rank, EXCLUDED.event_time) > (m.status_rank, m.event_time)`,
        [event.body.id, event.body.status, RANK[event.body.status] ?? 0, event.eventTime, event.body.wamid],
      );
    } else if (inserted.rowCount === 1 && event.type === 'whatsapp_mo_message_received') {
      await client.query('INSERT INTO inbound_messages (id, from_phone, type, payload) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING', [
        event.body.id,
        event.body.from,
        event.body.type,
        event.body,
      ]);
    }
    await client.query('COMMIT');
    return inserted.rowCount === 1 ? 'processed' : 'duplicate';
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

if (require.main === module) {
  serve();
}
