/**
 * `npm run bench:stats`: how fast GET /stats/* answers at production volume. Fills the rollup
 * tables directly with what 30 days, 10 million events and 3 million messages leave there (the
 * rollups grow with time and the variety of types and outcomes, not with the number of events),
 * then asks each endpoint for the last hour, day, week and month through HTTP, and prints p50/p99
 * and the plans of the events query. Runs on DATABASE_URL, or an embedded server of its own.
 */
import { tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { createApp } from '../src/app.setup';
import { loadEnvironment } from '../src/config/environment';
import { EVENT_COUNTS } from '../src/stats/stats.service';
import { BenchServer } from './bench-server';

const DAYS = 30;
const EVENTS = 10_000_000;
const MESSAGES = 3_000_000;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const TOKEN = 'stats-bench-token';
/** Writers that left rows: each service instance's ingest connection has its own shard. */
const SHARDS = 2;
const TYPES = [
  'whatsapp_message_status_updated',
  'whatsapp_mo_message_received',
  'whatsapp_template_status_updated',
  'whatsapp_account_review_updated',
  'whatsapp_phone_number_name_update',
];
const OUTCOMES = ['processed', 'duplicate', 'conflict', 'unhandled', 'invalid', 'failed'];
const STAGES = ['sent', 'delivered', 'read', 'failed', 'other'];
const INBOUND_TYPES = ['text', 'image', 'video', 'audio', 'document', 'location', 'contacts', 'button', 'interactive', 'reaction', 'sticker', 'unknown'];
const MINUTES = DAYS * 1440;

/** Minute rows of one rollup with every key on every minute and shard, then the hour rows summed from them. */
async function fill(sql: Client, table: string, keys: Record<string, string[]>, perMinute: number, extra = '', where = 'true'): Promise<void> {
  const names = Object.keys(keys);
  const combos = Object.values(keys).reduce((product, values) => product * values.length, 1);
  const lists = names.map((name) => `unnest($${names.indexOf(name) + 1}::text[]) AS ${name}`).join(' CROSS JOIN ');
  const each = Math.max(1, Math.round(perMinute / combos / SHARDS));
  await sql.query(
    `INSERT INTO ${table} (bucket_width, bucket_start, shard, ${names.join(', ')}, count${extra ? ', example_message_id' : ''})
     SELECT 'minute', date_trunc('minute', now(), 'UTC') - m * interval '1 minute', s, ${names.join(', ')}, 1 + (random() * ${2 * each})::int${extra}
     FROM generate_series(0, ${MINUTES - 1}) AS m CROSS JOIN generate_series(0, ${SHARDS - 1}) AS s CROSS JOIN ${lists} WHERE ${where}`,
    Object.values(keys),
  );
  for (const width of ['hour']) {
    await sql.query(
      `INSERT INTO ${table} (bucket_width, bucket_start, shard, ${names.join(', ')}, count${extra ? ', example_message_id' : ''})
       SELECT '${width}', date_trunc('${width}', bucket_start, 'UTC'), shard, ${names.join(', ')}, sum(count)${extra ? ', max(example_message_id)' : ''}
       FROM ${table} WHERE bucket_width = 'minute' GROUP BY 2, 3, ${names.map((_, index) => index + 4).join(', ')}`,
    );
  }
  const { rows } = await sql.query(`SELECT count(*)::int AS rows, sum(count) FILTER (WHERE bucket_width = 'minute')::bigint AS total FROM ${table}`);
  console.log(`${table}: ${rows[0].rows} rows, ${rows[0].total} counted`);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
}

async function main(): Promise<void> {
  const server = await BenchServer.start('stats-bench');
  const database = `bench_stats_${Date.now()}`;
  const url = await server.createDatabase(database);
  const environment = loadEnvironment({
    API_TOKEN: TOKEN,
    WEBHOOK_USERNAME: 'bench',
    WEBHOOK_AUTHORIZATION: 'bench-authorization-0123',
    DATA_DIR: server.dataDir ?? tmpdir(),
    LOG_LEVEL: 'warn',
  });
  const app = await createApp({ environment, databaseUrl: url, logDestination: { write: () => true } as unknown as NodeJS.WritableStream });
  const sql = new Client({ connectionString: url });
  try {
    await app.listen(0, '127.0.0.1');
    const base = await app.getUrl();
    await sql.connect();
    const started = performance.now();
    // Every type is processed every minute, and re-delivered; the other outcomes turn up in one minute in ten (12 of the 30 pairs a minute).
    await fill(
      sql,
      'stats_event_counts',
      { type: TYPES, outcome: OUTCOMES },
      (EVENTS / MINUTES) * (30 / 12),
      '',
      `outcome IN ('processed', 'duplicate') OR random() < 0.1`,
    );
    await fill(sql, 'stats_message_funnel', { stage: STAGES }, MESSAGES / MINUTES);
    const reasons = Array.from({ length: 10 }, (_, index) => String(131000 + index));
    await fill(sql, 'stats_failure_reasons', { code: reasons, message: ['Message undeliverable'] }, MESSAGES / 20 / MINUTES, `, 'm-' || m`);
    await fill(sql, 'stats_inbound_counts', { type: INBOUND_TYPES }, EVENTS / 4 / MINUTES);
    await sql.query(`
      INSERT INTO templates (template_id, event_id, event_time, waba_id, template_name, template_language, status)
      SELECT 't' || i, 'e' || i, now(), 'w' || (i % 50), 'name_' || i, 'en_US', (ARRAY['APPROVED','PENDING','REJECTED','PAUSED','DISABLED'])[1 + i % 5]
      FROM generate_series(1, 20000) AS i`);
    await sql.query('VACUUM ANALYZE');
    console.log(`filled in ${((performance.now() - started) / 1000).toFixed(0)} s (and 20 000 templates)\n`);

    const hour = 3_600_000;
    const windows = { hour: [hour, 'minute'], day: [24 * hour, 'hour'], week: [7 * 24 * hour, 'hour'], month: [30 * 24 * hour, 'day'] } as const;
    console.log('endpoint                  window  bucket  items   p50 ms  p99 ms');
    for (const endpoint of ['events', 'messages', 'failure-reasons', 'inbound', 'current']) {
      for (const [name, [span, bucket]] of Object.entries(windows)) {
        const path = endpoint === 'current' ? '/stats/current' : `/stats/${endpoint}?since=${new Date(Date.now() - span).toISOString()}&bucket=${bucket}`;
        const times: number[] = [];
        let items = 0;
        for (let request = 0; request < REQUESTS + 10; request++) {
          const begin = performance.now();
          const response = await fetch(`${base}${path}`, { headers: { Authorization: `Bearer ${TOKEN}` } });
          const body = (await response.json()) as { items?: unknown[] };
          if (response.status !== 200) {
            throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
          }
          if (request >= 10) {
            times.push(performance.now() - begin);
          }
          items = body.items?.length ?? Object.keys(body).length;
        }
        times.sort((a, b) => a - b);
        console.log(
          `${endpoint.padEnd(24)}  ${name.padEnd(6)}  ${(endpoint === 'current' ? '-' : bucket).padEnd(6)}  ${String(items).padStart(5)}  ${percentile(times, 50).toFixed(1).padStart(7)}  ${percentile(times, 99).toFixed(1).padStart(6)}`,
        );
        if (endpoint === 'current') {
          break;
        }
      }
    }
    for (const [name, [span, bucket]] of Object.entries(windows)) {
      const plan = await sql.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${EVENT_COUNTS}`, [
        bucket === 'day' ? 'hour' : bucket,
        new Date(Date.now() - span),
        new Date(),
        bucket,
      ]);
      console.log(
        `\nPlan of GET /stats/events for the last ${name} by ${bucket}:\n${plan.rows.map((row: Record<string, string>) => `  ${row['QUERY PLAN']}`).join('\n')}`,
      );
    }
  } finally {
    await sql.end().catch(() => undefined);
    await app.close();
    await server.stop();
  }
}

void main();
