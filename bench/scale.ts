/**
 * `npm run bench:scale -- --events N` (N defaults to 10 000 000): how the service behaves with N
 * events stored. It loads N events with the messages, statuses, inbound messages and customers
 * they imply straight into PostgreSQL (generate_series, no HTTP), spread over the last 35 days,
 * and measures in the same run:
 * - the ingest rate against the same measurement on the empty database;
 * - p50/p99 of every list and lookup endpoint with its common filters, through HTTP;
 * - bytes on disk per event;
 * - one retention pass (EVENT_RETENTION 30d, domain retention 30d) and ingest p50/p99 while it
 *   runs, at a steady STEADY_RATE requests a second, over the whole pass and over each of its two
 *   phases (partition drops, batched deletes), against the same rate with no pass.
 * DATABASE_URL, or an embedded PostgreSQL in a temporary directory removed at the end (also when
 * the run is interrupted).
 */
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freeLoopbackPort, withDatabase } from '../src/database/database-url';
import { dropExpiredPartitions, maintain, type Sql } from '../src/maintenance/maintenance.tasks';
import { VendorTraffic } from '../tools/vendor-traffic';
import { BenchServer } from './bench-server';
import { customersFor, loadEvents, WORDS } from './scale-load';

const DAY_MS = 86_400_000;
const RETENTION_DAYS = 30;
const INGEST_SECONDS = Number(process.env.BENCH_DURATION ?? 15);
const INGEST_CONNECTIONS = 16;
/** Ingest runs on each database, taken in turns so neither always gets the quieter machine. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
/** The steady rate (evenly spaced requests) at which ingest p99 is compared with and without a retention pass running. */
const STEADY_RATE = Number(process.env.BENCH_STEADY_RATE ?? 300);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);
const VENDOR = { username: 'scale-vendor', authorization: 'Basic c2NhbGU6c2NhbGU=' };
const API_TOKEN = 'scale-api-token-0123456789';
const MIX = { status: 75, inbound: 25, template: 1, account: 0.5, phoneNumber: 0.5, redelivery: 0.01 };

function eventsArgument(): number {
  const index = process.argv.indexOf('--events');
  const value = index >= 0 ? Number(process.argv[index + 1]) : 10_000_000;
  if (!Number.isInteger(value) || value < 1000) {
    throw new Error('--events must be a whole number of at least 1000');
  }
  return value;
}

const seconds = (ms: number) => (ms / 1000).toFixed(1);

interface IngestResult {
  requestsPerSecond: number;
  requests: number;
  p50: number;
  p99: number;
  non2xx: number;
}

/** A response of a steady ingest run: when it ended (Date.now()) and how long it took (ms). */
interface Response {
  at: number;
  ms: number;
}

function ingest(url: string, seed: number, options: { seconds: number }): Promise<IngestResult> {
  const traffic = new VendorTraffic(seed, MIX, `scale${seed}-${Date.now().toString(36)}`);
  let settle: (outcome: { error?: Error; done?: autocannon.Result }) => void = () => undefined;
  const result = new Promise<IngestResult>((resolve, reject) => {
    settle = ({ error, done }) =>
      error || !done
        ? reject(error ?? new Error('autocannon gave no result'))
        : resolve({
            requestsPerSecond: done.requests.average,
            requests: done.requests.total,
            p50: done.latency.p50,
            p99: done.latency.p99,
            non2xx: done.non2xx + done.errors + done.timeouts,
          });
  });
  autocannon(
    {
      url,
      connections: INGEST_CONNECTIONS,
      duration: options.seconds,
      requests: [
        {
          method: 'POST',
          path: '/webhooks/whatsapp',
          setupRequest: (request: autocannon.Request) => ({
            ...request,
            headers: { 'content-type': 'application/json', UserName: VENDOR.username, Authorization: VENDOR.authorization },
            body: JSON.stringify(traffic.next()),
          }),
        },
      ],
    },
    (error, done) => settle({ error: error ?? undefined, done }),
  );
  return result;
}

/**
 * Ingest at a steady `rate` requests a second, evenly spaced (autocannon's rate sends each
 * second's requests in a burst at its start). Each response is timed from the moment its
 * request was due, so a stall counts for every request it held back.
 */
function steadyIngest(url: string, seed: number, rate: number): { responses: Response[]; stop(): Promise<{ non2xx: number }> } {
  const traffic = new VendorTraffic(seed, MIX, `steady${seed}-${Date.now().toString(36)}`);
  const responses: Response[] = [];
  const inFlight = new Set<Promise<void>>();
  let non2xx = 0;
  let sent = 0;
  const started = performance.now();
  const send = (due: number) => {
    const request = fetch(`${url}/webhooks/whatsapp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', UserName: VENDOR.username, Authorization: VENDOR.authorization },
      body: JSON.stringify(traffic.next()),
    })
      .then(async (response) => {
        await response.arrayBuffer();
        non2xx += response.status === 200 ? 0 : 1;
        responses.push({ at: Date.now(), ms: performance.now() - due });
      })
      .catch(() => {
        non2xx += 1;
      })
      .finally(() => inFlight.delete(request));
    inFlight.add(request);
  };
  const timer = setInterval(() => {
    for (const due = Math.floor(((performance.now() - started) * rate) / 1000); sent < due; sent++) {
      send(started + (sent * 1000) / rate);
    }
  }, 1);
  return {
    responses,
    stop: async () => {
      clearInterval(timer);
      await Promise.all(inFlight);
      return { non2xx };
    },
  };
}

/**
 * User + system CPU seconds, from /proc, of the service process and of the PostgreSQL backends
 * connected to its database (0 for a server on another machine).
 */
async function cpuSecondsOf(admin: Client, pid: number, database: string): Promise<number> {
  const backends = await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [database]);
  return [pid, ...backends.rows.map((row) => row.pid)].reduce((sum, id) => {
    try {
      const fields = readFileSync(`/proc/${id}/stat`, 'utf8').split(') ')[1].split(' ');
      return sum + (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      return sum;
    }
  }, 0);
}

/** p50 and p99 of the responses that ended between `from` and `to` (ms since the epoch). */
function latencyBetween(responses: Response[], from: number, to: number): { p50: string; p99: string; count: number } {
  const sorted = responses
    .filter((response) => response.at >= from && response.at <= to)
    .map((response) => response.ms)
    .sort((a, b) => a - b);
  const figure = (share: number) => (sorted.length === 0 ? '-' : percentile(sorted, share).toFixed(1));
  return { p50: figure(0.5), p99: figure(0.99), count: sorted.length };
}

interface EndpointFigure {
  endpoint: string;
  p50: number;
  p99: number;
}

const percentile = (sorted: number[], share: number) => sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)];

/**
 * Sequential GETs, one at a time: the latency of one query on the loaded database, not of a queue.
 * The endpoints take turns, so a burst of load on the shared machine falls on all of them alike.
 */
async function measureEndpoints(baseUrl: string, list: [string, (i: number) => string][]): Promise<EndpointFigure[]> {
  const timings = list.map((): number[] => []);
  for (let i = 0; i < SAMPLES + 10; i++) {
    for (const [index, [, path]] of list.entries()) {
      const started = performance.now();
      const response = await fetch(`${baseUrl}${path(i)}`, { headers: { Authorization: `Bearer ${API_TOKEN}` } });
      await response.arrayBuffer();
      if (response.status !== 200) {
        throw new Error(`${path(i)} answered ${response.status}`);
      }
      if (i >= 10) {
        timings[index].push(performance.now() - started);
      }
    }
  }
  return list.map(([endpoint], index) => {
    const sorted = timings[index].sort((a, b) => a - b);
    return { endpoint, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99) };
  });
}

function endpoints(events: number, now: Date): [string, (i: number) => string][] {
  const pick = (i: number, range: number) => 1 + ((i * 7_919 + 13) % range);
  const eventId = (i: number) => eventIds[i % eventIds.length];
  const day = (i: number) => new Date(now.getTime() - (1 + (i % 30)) * DAY_MS).toISOString();
  const messages = Math.floor(events / 4);
  const customers = customersFor(events);
  const phone = (i: number) => `%2B1555${String(pick(i, customers) - 1).padStart(7, '0')}`;
  return [
    ['GET /events', () => '/events'],
    ['GET /events?type=', () => '/events?type=whatsapp_mo_message_received'],
    ['GET /events?state=failed', () => '/events?state=failed'],
    ['GET /events?state=conflict', () => '/events?state=conflict'],
    ['GET /events?since=&until=', (i) => `/events?since=${day(i)}&until=${new Date(Date.parse(day(i)) + 3_600_000).toISOString()}`],
    ['GET /events?cursor= (page 20)', () => `/events?cursor=${lastSeq - 20 * 50}`],
    ['GET /events/:id (recent)', (i) => `/events/${eventId(i)}`],
    ['GET /events/:id (old)', (i) => `/events/${oldEventIds[i % oldEventIds.length]}`],
    ['GET /messages', () => '/messages'],
    ['GET /messages?status=failed', () => '/messages?status=failed'],
    ['GET /messages?wabaId=', (i) => `/messages?wabaId=waba-${i % 50}`],
    ['GET /messages?wamid=', (i) => `/messages?wamid=wamid.${md5Hex[i % md5Hex.length]}`],
    ['GET /messages?since=&until=', (i) => `/messages?since=${day(i)}&until=${new Date(Date.parse(day(i)) + 3_600_000).toISOString()}`],
    ['GET /messages/:id', (i) => `/messages/msg-${pick(i, messages)}`],
    ['GET /messages/:id/statuses', (i) => `/messages/msg-${pick(i, messages)}/statuses`],
    ['GET /inbound-messages', () => '/inbound-messages'],
    ['GET /inbound-messages?from=', (i) => `/inbound-messages?from=${phone(i)}`],
    ['GET /inbound-messages?type=document', () => '/inbound-messages?type=document'],
    ['GET /inbound-messages?since=&until=', (i) => `/inbound-messages?since=${day(i)}&until=${new Date(Date.parse(day(i)) + 3_600_000).toISOString()}`],
    ['GET /inbound-messages?q= (one match)', (i) => `/inbound-messages?q=quote${pick(i, Math.floor(messages / 10)) * 10}`],
    ['GET /inbound-messages?q= (common word)', (i) => `/inbound-messages?q=${WORDS[i % WORDS.length]}`],
    ['GET /inbound-messages?q= (two words)', (i) => `/inbound-messages?q=${WORDS[i % WORDS.length]}+${WORDS[(i + 3) % WORDS.length]}`],
    ['GET /inbound-messages?q= (no match)', (i) => `/inbound-messages?q=zebra${i}`],
    ['GET /inbound-messages/:id', (i) => `/inbound-messages/in-${pick(i, messages)}`],
    ['GET /customers', () => '/customers'],
    ['GET /customers?wabaId=', (i) => `/customers?wabaId=waba-${i % 50}`],
    ['GET /customers/:phone', (i) => `/customers/${phone(i)}`],
    ['GET /templates', () => '/templates'],
    ['GET /accounts', () => '/accounts'],
    ['GET /phone-numbers', () => '/phone-numbers'],
  ];
}

let eventIds: string[] = [];
let oldEventIds: string[] = [];
let md5Hex: string[] = [];
let lastSeq = 0;

/** Columns padded to their widest cell: the first and text columns to the left, figures to the right. */
function table(rows: string[][], textColumns = 1): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows
    .map((row) => row.map((cell, column) => (column < textColumns ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  '))
    .join('\n')
    .replace(/ +$/gm, '');
}

async function waitForHealth(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`the service exited with ${child.exitCode}`);
    }
    try {
      if ((await fetch(`${url}/health`)).ok) {
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the service did not become healthy within 120 s');
}

function startService(serverUrl: string, database: string, port: number): ChildProcess {
  return spawn(process.execPath, [join(__dirname, '..', 'src', 'main.js')], {
    env: {
      ...process.env,
      WEBHOOK_USERNAME: VENDOR.username,
      WEBHOOK_AUTHORIZATION: VENDOR.authorization,
      API_TOKEN,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      DATABASE_URL: withDatabase(serverUrl, database),
      // The bench runs the retention pass itself, at a moment it chooses.
      EVENT_RETENTION: '3650d',
      MAINTENANCE_INTERVAL: '1d',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

async function main(): Promise<void> {
  const events = eventsArgument();
  const server = await BenchServer.start('scale');
  const serverUrl = server.url;
  const admin = server.admin;
  const stamp = Date.now();
  // Two services on the same server: one on the loaded database, one on an empty one, measured in turns.
  const [database, emptyDatabase] = [`bench_scale_${stamp}`, `bench_scale_empty_${stamp}`];
  await server.createDatabase(database);
  await server.createDatabase(emptyDatabase);
  const [port, emptyPort] = [await freeLoopbackPort(), await freeLoopbackPort()];
  const [baseUrl, emptyUrl] = [`http://127.0.0.1:${port}`, `http://127.0.0.1:${emptyPort}`];
  const service = startService(serverUrl, database, port);
  const emptyService = startService(serverUrl, emptyDatabase, emptyPort);
  let cleaning: Promise<void> | undefined;
  /** Stops both services and the embedded server, and removes the databases and the data directory: once, at the end or on a signal. */
  const cleanUp = () =>
    (cleaning ??= (async () => {
      for (const child of [service, emptyService]) {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGTERM');
          await new Promise((resolve) => child.once('exit', resolve));
        }
      }
      await client.end().catch(() => undefined);
      await server.stop();
    })());
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      console.error(`\nbench:scale: ${signal}, stopping the services and removing the databases`);
      void cleanUp()
        .catch((error: unknown) => console.error(error))
        .finally(() => process.exit(1));
    });
  }
  const client = new Client({ connectionString: withDatabase(serverUrl, database) });
  const figures: [string, string][] = [];
  let summary = '';
  try {
    await waitForHealth(baseUrl, service);
    await waitForHealth(emptyUrl, emptyService);
    await client.connect();
    console.log(
      `bench:scale: ${events} events; machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GB, load ${loadavg()[0].toFixed(1)}`,
    );

    const loadStarted = Date.now();
    const now = new Date();
    console.log(`loading ${events} events`);
    const domainClient = new Client({ connectionString: withDatabase(serverUrl, database) });
    await domainClient.connect();
    await loadEvents(client, events, now, domainClient);
    await domainClient.end();
    const loadSeconds = (Date.now() - loadStarted) / 1000;

    console.log(`ingest, empty and loaded database in turns (${ROUNDS} × ${INGEST_SECONDS} s each, ${INGEST_CONNECTIONS} connections)`);
    await ingest(emptyUrl, 1, { seconds: 5 });
    await ingest(baseUrl, 2, { seconds: 5 });
    const runs: { empty: (IngestResult & { cpuMsPerRequest: number })[]; loaded: (IngestResult & { cpuMsPerRequest: number })[] } = { empty: [], loaded: [] };
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? (['empty', 'loaded'] as const) : (['loaded', 'empty'] as const);
      for (const which of order) {
        // Neither run pays for the other's dirty pages: each starts right after a checkpoint.
        await client.query('CHECKPOINT');
        const [target, child, name] = which === 'empty' ? [emptyUrl, emptyService, emptyDatabase] : [baseUrl, service, database];
        const cpuBefore = await cpuSecondsOf(admin, child.pid as number, name);
        const run = await ingest(target, 10 + round * 2 + (which === 'empty' ? 0 : 1), { seconds: INGEST_SECONDS });
        const cpuUsed = (await cpuSecondsOf(admin, child.pid as number, name)) - cpuBefore;
        runs[which].push({ ...run, cpuMsPerRequest: (cpuUsed * 1000) / Math.max(1, run.requests) });
      }
    }
    const empty = {
      requestsPerSecond: mean(runs.empty.map((run) => run.requestsPerSecond)),
      p99: Math.max(...runs.empty.map((run) => run.p99)),
      non2xx: runs.empty.reduce((sum, run) => sum + run.non2xx, 0),
      cpuMsPerRequest: mean(runs.empty.map((run) => run.cpuMsPerRequest)),
    };
    const loaded = {
      requestsPerSecond: mean(runs.loaded.map((run) => run.requestsPerSecond)),
      p99: Math.max(...runs.loaded.map((run) => run.p99)),
      non2xx: runs.loaded.reduce((sum, run) => sum + run.non2xx, 0),
      cpuMsPerRequest: mean(runs.loaded.map((run) => run.cpuMsPerRequest)),
    };
    emptyService.kill('SIGTERM');

    const ids = await client.query<{ id: string; old: boolean }>(
      `(SELECT id, false AS old FROM webhook_events WHERE received_at > now() - interval '6 days' ORDER BY seq DESC LIMIT 100)
       UNION ALL (SELECT id, true FROM webhook_events WHERE received_at < now() - interval '20 days' AND received_at > now() - interval '29 days' LIMIT 100)`,
    );
    eventIds = ids.rows.filter((row) => !row.old).map((row) => row.id);
    oldEventIds = ids.rows.filter((row) => row.old).map((row) => row.id);
    md5Hex = (await client.query<{ hex: string }>(`SELECT md5('w' || k) AS hex FROM generate_series(1, 100) k`)).rows.map((row) => row.hex);
    lastSeq = Number((await client.query<{ seq: string }>(`SELECT max(seq)::text AS seq FROM webhook_events`)).rows[0].seq);

    console.log(`endpoints (${SAMPLES} sequential requests each)`);
    const measured = await measureEndpoints(baseUrl, endpoints(events, now));

    const [sizes] = (
      await client.query<{ event_store: string; database: string }>(`
        SELECT (SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_inherits i ON i.inhrelid = c.oid WHERE i.inhparent = 'webhook_events'::regclass)
             + pg_total_relation_size('webhook_event_ids') AS event_store,
          pg_database_size(current_database()) AS database`)
    ).rows;
    const [{ stored }] = (await client.query<{ stored: number }>(`SELECT count(*)::float8 AS stored FROM webhook_events`)).rows;
    const bytesPerEvent = Number(sizes.event_store) / stored;

    console.log(`steady ingest at ${STEADY_RATE} req/s: without, then during a retention pass`);
    await client.query('CHECKPOINT');
    const steadyQuiet = steadyIngest(baseUrl, 5, STEADY_RATE);
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    const quietRun = await steadyQuiet.stop();
    const quiet = { ...latencyBetween(steadyQuiet.responses, 0, Date.now()), non2xx: quietRun.non2xx };
    const during = steadyIngest(baseUrl, 6, STEADY_RATE);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const sql: Sql = async (text, parameters) => (await client.query(text, parameters)).rows as never;
    const settings = {
      eventRetentionMs: RETENTION_DAYS * DAY_MS,
      dedupeWindowMs: 7 * DAY_MS,
      inboundRetentionMs: RETENTION_DAYS * DAY_MS,
      messageRetentionMs: RETENTION_DAYS * DAY_MS,
      statsMinuteRetentionMs: RETENTION_DAYS * DAY_MS,
      statsHourRetentionMs: 400 * DAY_MS,
      // As the service reads it: RETENTION_BUSY_PERCENT=10 npm run bench:scale measures a gentler pace.
      retentionBusyShare: Number(process.env.RETENTION_BUSY_PERCENT ?? 25) / 100,
    };
    // The pass as the service runs it, timed in two phases: the partitions (drops), then the batched deletes.
    const passStarted = Date.now();
    const dropped = await dropExpiredPartitions(sql, new Date(), settings.eventRetentionMs);
    const dropsEnded = Date.now();
    const report = await maintain(sql, settings);
    const passEnded = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const whilePass = await during.stop();
    const passSeconds = (passEnded - passStarted) / 1000;
    const whileDrops = latencyBetween(during.responses, passStarted, dropsEnded + 100);
    const whileDeletes = latencyBetween(during.responses, dropsEnded, passEnded);
    const wholePass = latencyBetween(during.responses, passStarted, passEnded);
    report.partitionsDropped.unshift(...dropped);

    const rows: string[][] = [['measure', 'p50 ms', 'p99 ms']];
    for (const figure of measured) {
      rows.push([figure.endpoint, figure.p50.toFixed(1), figure.p99.toFixed(1)]);
    }
    console.log(`\n${table(rows)}\n`);
    const worst = measured.reduce((a, b) => (b.p99 > a.p99 ? b : a));
    const ratio = loaded.requestsPerSecond / empty.requestsPerSecond;
    figures.push(
      ['events loaded', `${events} in ${seconds(loadSeconds * 1000)} s (${Math.round(events / loadSeconds)} /s)`],
      [
        'ingest, empty database',
        `${empty.requestsPerSecond.toFixed(0)} req/s (${runs.empty.map((run) => run.requestsPerSecond.toFixed(0)).join(', ')}), p99 ${empty.p99} ms, non-2xx ${empty.non2xx}`,
      ],
      [
        'ingest, loaded database',
        `${loaded.requestsPerSecond.toFixed(0)} req/s (${runs.loaded.map((run) => run.requestsPerSecond.toFixed(0)).join(', ')}), p99 ${loaded.p99} ms, non-2xx ${loaded.non2xx}`,
      ],
      ['ingest loaded / empty', ratio.toFixed(2)],
      [
        'CPU per request, empty / loaded',
        `${empty.cpuMsPerRequest.toFixed(3)} / ${loaded.cpuMsPerRequest.toFixed(3)} ms = ${(empty.cpuMsPerRequest / loaded.cpuMsPerRequest).toFixed(2)} (the service and its database's backends; steadier than req/s on a busy machine)`,
      ],
      ['event store on disk', `${(Number(sizes.event_store) / 2 ** 20).toFixed(0)} MB, ${bytesPerEvent.toFixed(0)} bytes/event`],
      ['whole database on disk', `${(Number(sizes.database) / 2 ** 20).toFixed(0)} MB, ${(Number(sizes.database) / stored).toFixed(0)} bytes/event`],
      [
        'retention pass',
        `${passSeconds.toFixed(1)} s: dropped ${report.partitionsDropped.length} partitions; deleted ${Object.entries(report.deleted)
          .map(([name, rowCount]) => `${rowCount} ${name}`)
          .join(', ')}`,
      ],
      [`ingest at ${STEADY_RATE} req/s, no pass`, `p50 ${quiet.p50} ms, p99 ${quiet.p99} ms (${quiet.count} responses); non-2xx ${quiet.non2xx}`],
      [
        `ingest at ${STEADY_RATE} req/s, during pass`,
        `p50 ${wholePass.p50} ms, p99 ${wholePass.p99} ms (${wholePass.count} responses); non-2xx ${whilePass.non2xx}`,
      ],
      [`  during partition drops`, `${seconds(dropsEnded - passStarted)} s, ${whileDrops.count} responses: p50 ${whileDrops.p50} ms, p99 ${whileDrops.p99} ms`],
      [
        `  during batched deletes`,
        `${seconds(passEnded - dropsEnded)} s, ${whileDeletes.count} responses: p50 ${whileDeletes.p50} ms, p99 ${whileDeletes.p99} ms`,
      ],
    );
    console.log(table([['figure', 'value'], ...figures], 2));
    summary = `scale: ${events} events; ingest ${ratio.toFixed(2)} of empty; list p99 ${worst.p99.toFixed(1)} ms (worst endpoint: ${worst.endpoint}); ${bytesPerEvent.toFixed(0)} bytes/event; retention pass ${passSeconds.toFixed(1)} s`;
    const resultsDir = join(__dirname, '..', '..', 'bench', 'results');
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(
      join(resultsDir, `scale-${new Date().toISOString().replace(/[:.]/g, '-')}.json`),
      JSON.stringify({ events, measured, figures, summary }, null, 2),
    );
  } finally {
    await cleanUp();
  }
  console.log(summary);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
