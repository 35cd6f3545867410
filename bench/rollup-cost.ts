/**
 * `npm run bench:rollups`: what keeping the stats rollups costs the ingest path, measured so
 * that a busy machine cannot decide the answer. One service in this process, one PostgreSQL
 * (fsync on); the same event mix as `npm run bench` goes straight to the ingest service from
 * many concurrent callers, in short phases that alternate between the event counters' triggers
 * enabled and disabled (the other rollups are kept by their writers' own statements and stay on).
 * Prints events per second of each phase and the median ratio of the back-to-back pairs.
 */
import { tmpdir } from 'node:os';
import { Client } from 'pg';
import { createApp } from '../src/app.setup';
import { loadEnvironment } from '../src/config/environment';
import { EventIngestionService } from '../src/webhook/event-ingestion.service';
import { VendorTraffic } from '../tools/vendor-traffic';
import { BenchServer } from './bench-server';

const PHASE_MS = Number(process.env.BENCH_PHASE_MS ?? 4_000);
const PHASES = Number(process.env.BENCH_PHASES ?? 8);
const CALLERS = Number(process.env.BENCH_CALLERS ?? 64);
const MIX = { status: 75, inbound: 25, redelivery: 0.01 };
/** The rollups still kept by triggers; the funnel, failure and inbound rollups are part of their writers' statements and cannot be switched off. */
const TRIGGERS = [
  ['webhook_events', 'stats_new_events'],
  ['webhook_events', 'stats_changed_events'],
];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const server = await BenchServer.start('rollup-bench');
  const database = `bench_rollups_${Date.now()}`;
  const url = await server.createDatabase(database);
  // The triggers' own time, counted by PostgreSQL: a figure a busy machine moves far less than throughput.
  await server.admin.query(`ALTER DATABASE ${database} SET track_functions = 'pl'`);
  const environment = loadEnvironment({
    API_TOKEN: 'bench-api-token-0123456789',
    WEBHOOK_USERNAME: 'bench',
    WEBHOOK_AUTHORIZATION: 'bench-authorization-0123',
    DATA_DIR: server.dataDir ?? tmpdir(),
  });
  const app = await createApp({ environment, databaseUrl: url, logDestination: { write: () => true } as unknown as NodeJS.WritableStream });
  const sql = new Client({ connectionString: url });
  await sql.connect();
  const ingestion = app.get(EventIngestionService);
  const traffic = new VendorTraffic(7, MIX, 'rollups');

  async function phase(): Promise<number> {
    let events = 0;
    const end = Date.now() + PHASE_MS;
    await Promise.all(
      Array.from({ length: CALLERS }, async () => {
        while (Date.now() < end) {
          const envelope = traffic.next() as unknown as { id: string; type: string; eventTime: string; body: Record<string, unknown> };
          await ingestion.receive({ ...envelope, eventTime: new Date(envelope.eventTime), raw: envelope as unknown as Record<string, unknown> });
          events++;
        }
      }),
    );
    return events / (PHASE_MS / 1000);
  }

  const rates: Record<'on' | 'off', number[]> = { on: [], off: [] };
  let eventsWithRollups = 0;
  let closed = false;
  try {
    eventsWithRollups += ((await phase()) * PHASE_MS) / 1000; // warm-up, triggers on
    for (let index = 0; index < PHASES; index++) {
      // Alternate which goes first, so neither always meets the same moment of a busy machine.
      for (const mode of index % 2 === 0 ? (['on', 'off'] as const) : (['off', 'on'] as const)) {
        for (const [table, trigger] of TRIGGERS) {
          await sql.query(`ALTER TABLE ${table} ${mode === 'on' ? 'ENABLE' : 'DISABLE'} TRIGGER ${trigger}`);
        }
        const rate = await phase();
        rates[mode].push(rate);
        eventsWithRollups += mode === 'on' ? (rate * PHASE_MS) / 1000 : 0;
        console.log(`phase ${index + 1} rollups ${mode.padEnd(3)} ${rate.toFixed(0)} events/s`);
      }
    }
    // Each phase pair ran back to back: the median of their ratios is the figure least moved by a busy machine.
    const pairRatios = rates.on.map((on, index) => on / rates.off[index]);
    console.log(
      `\nmedian with rollups ${median(rates.on).toFixed(0)} events/s, without ${median(rates.off).toFixed(0)} events/s; ` +
        `median ratio of the pairs ${median(pairRatios).toFixed(3)} (each: ${pairRatios.map((ratio) => ratio.toFixed(2)).join(' ')})`,
    );
    // Closing the service's connections makes them report their function statistics.
    await app.close();
    closed = true;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const { rows } = await sql.query<{ name: string; calls: string; ms: number }>(
      `SELECT funcname AS name, calls, total_time AS ms FROM pg_stat_user_functions WHERE funcname LIKE 'stats_%' ORDER BY funcname`,
    );
    const triggerMs = rows.reduce((sum, row) => sum + row.ms, 0);
    for (const row of rows) {
      console.log(`${row.name.padEnd(30)} ${row.calls.padStart(7)} calls  ${(row.ms / Number(row.calls)).toFixed(3)} ms a call`);
    }
    console.log(
      `rollup triggers: ${((triggerMs * 1000) / eventsWithRollups).toFixed(1)} µs of database time per event (${eventsWithRollups.toFixed(0)} events)`,
    );
  } finally {
    await sql.end();
    if (!closed) {
      await app.close();
    }
    await server.stop();
  }
}

void main();
