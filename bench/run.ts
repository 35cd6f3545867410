/**
 * `npm run bench`: the service against a bare node:http + pg receiver (baseline-server.ts),
 * in the same run, on the same PostgreSQL (DATABASE_URL, or an embedded server with fsync on),
 * at 16 and 64 connections. Prints requests per second, latency, errors, the ratio
 * service / baseline, and checks that every acknowledged event is stored. BENCH_WORKERS=1,2
 * measures the service once per WORKERS value in the same run (`service` and `service-w2`).
 *
 * BENCH_FORWARD=1 adds a third target: the service with one forwarding destination taking every
 * event type (a local receiver answering 200), enabled only while it is measured so that its
 * deliveries never load the machine while another target is measured. Prints its ratio to the
 * plain service, the events delivered during the measured window, the backlog left at its end
 * and how long sending that backlog took (before the next target is measured). With
 * BENCH_COMPARE as well, the compare build is measured with a destination too
 * (`compare-forward`, against `compare`), so a change to forwarding is judged in the same run.
 */
import autocannon from 'autocannon';
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { freeLoopbackPort, withDatabase } from '../src/database/database-url';
import { childProcessIds } from '../tools/child-processes';
import { VendorTraffic } from '../tools/vendor-traffic';
import { BASELINE_SCHEMA } from './baseline-server';
import { BenchServer } from './bench-server';

const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '16,64').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);
/** Unmeasured load on each target first: a receiver runs for days, and a cold process measures the JIT compiler. */
const WARMUP_S = Number(process.env.BENCH_WARMUP ?? 5);
const VENDOR = { username: 'bench-vendor', authorization: 'Basic YmVuY2g6YmVuY2g=' };
const MIX = { status: 75, inbound: 25, redelivery: 0.01 };
const FORWARD = process.env.BENCH_FORWARD === '1';
const API_TOKEN = 'bench-api-token-0123456789';
/** When set, the service runs under `node --cpu-prof` and writes its profiles here (summarise them with profile-summary.js). */
const PROFILE_DIR = process.env.BENCH_PROFILE_DIR;
const WORKER_COUNTS = (process.env.BENCH_WORKERS ?? '1').split(',').map(Number);
/** The Node flags a build's `npm run start:prod` runs it with (`main` is its dist/src/main.js): the bench runs each build as production does. */
function productionNodeFlags(main: string): string[] {
  const { scripts } = JSON.parse(readFileSync(join(dirname(main), '..', '..', 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  return scripts['start:prod'].split(' ').filter((word) => word.startsWith('--'));
}

/**
 * Another build's `dist/src/main.js` (say, a checkout of main before a change): measured as the
 * target `compare` in the same run, one worker, so a change is judged on the same noisy machine.
 */
const COMPARE_WITH = process.env.BENCH_COMPARE;

/** The forwarding targets, each measured against the same build without a destination. */
const FORWARD_VARIANTS = FORWARD
  ? [
      { name: 'forward', without: 'service', main: join(__dirname, '..', 'src', 'main.js') },
      ...(COMPARE_WITH ? [{ name: 'compare-forward', without: 'compare', main: COMPARE_WITH }] : []),
    ]
  : [];

interface ServiceVariant {
  name: string;
  workers: number;
  main: string;
}

const SERVICE_VARIANTS: ServiceVariant[] = [
  ...WORKER_COUNTS.map((workers) => ({ name: workers === 1 ? 'service' : `service-w${workers}`, workers, main: join(__dirname, '..', 'src', 'main.js') })),
  ...(COMPARE_WITH ? [{ name: 'compare', workers: 1, main: COMPARE_WITH }] : []),
];

interface Target {
  /** `baseline`, `service` (WORKERS=1) or `service-w<N>`. */
  name: string;
  url: string;
  eventsTable: string;
  database: string;
  /** The process serving it (with its workers, if any), whose CPU time is measured. */
  pid?: number;
}

interface Forwarded {
  /** Requests the destination received during the measured window. */
  delivered: number;
  /** Deliveries not yet delivered when the window ended. */
  backlog: number;
  /** Seconds from the end of the window until the backlog was sent. */
  catchUpSeconds: number;
  /** CPU time of the service per delivery while it caught up (nothing else to do then), in microseconds. */
  cpuMicrosPerDelivery: number;
}

interface Measurement {
  target: string;
  connections: number;
  round: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  max: number;
  ok2xx: number;
  non2xx: number;
  errors: number;
  acknowledged: number;
  stored: number;
  lost: number;
  /** CPU time the target's processes spent per answered request, in microseconds: not skewed by a loaded machine the way req/s is. */
  cpuMicrosPerRequest: number;
  /** The same for the PostgreSQL server (embedded only: an external server's CPU is out of reach). */
  databaseCpuMicrosPerRequest?: number;
  /** The same for the load generator (this process): the third user of the machine's cores. */
  clientCpuMicrosPerRequest: number;
  /** Events per ingest transaction (the service's group commit), from its metrics. */
  eventsPerTransaction?: number;
  forwarded?: Forwarded;
}

/** The service's count of ingest transactions and of the events they stored, from /metrics. */
async function ingestTransactions(target: Target): Promise<{ transactions: number; events: number } | undefined> {
  if (target.name === 'baseline') {
    return undefined;
  }
  const text = await (await fetch(`${target.url}/metrics`, { headers: { Authorization: `Bearer ${API_TOKEN}` } })).text();
  const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
  return { transactions: value('webhook_ingest_batch_events_count'), events: value('webhook_ingest_batch_events_sum') };
}

/**
 * User + system CPU seconds of a process and its direct children (the cluster's workers, or
 * PostgreSQL's backends), from /proc; children that have exited count through the parent.
 */
function cpuSeconds(pid: number): number {
  const ticksPerSecond = 100;
  const ofProcess = (id: string) => {
    try {
      const fields = readFileSync(`/proc/${id}/stat`, 'utf8').split(') ')[1].split(' ');
      const [user, system, exitedChildrenUser, exitedChildrenSystem] = fields.slice(11, 15).map(Number);
      return (user + system + (id === String(pid) ? exitedChildrenUser + exitedChildrenSystem : 0)) / ticksPerSecond;
    } catch {
      return 0;
    }
  };
  return [String(pid), ...childProcessIds(pid).map(String)].reduce((sum, id) => sum + ofProcess(id), 0);
}

async function waitFor(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`${url} exited with ${child.exitCode}`);
    }
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new Error(`${url} did not answer within 60 s`);
}

async function drive(target: Target, connections: number, seconds: number, seed: number) {
  const traffic = new VendorTraffic(seed, MIX, `${target.name[0]}${connections}s${seed}`);
  const acknowledged = new Set<string>();
  const result = await autocannon({
    url: target.url,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: '/webhooks/whatsapp',
        setupRequest: (request: autocannon.Request, context: { eventId?: string }) => {
          const envelope = traffic.next();
          context.eventId = envelope.id;
          return {
            ...request,
            headers: { 'content-type': 'application/json', UserName: VENDOR.username, Authorization: VENDOR.authorization },
            body: JSON.stringify(envelope),
          };
        },
        onResponse: (status: number, _body: string, context: { eventId?: string }) => {
          if (status >= 200 && status < 300) {
            acknowledged.add(context.eventId as string);
          }
        },
      },
    ],
  });
  return { result, acknowledged };
}

async function countStored(serverUrl: string, target: Target, ids: Set<string>): Promise<number> {
  const client = new Client({ connectionString: withDatabase(serverUrl, target.database) });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT count(*)::int AS stored FROM ${target.eventsTable} WHERE id = ANY($1)`, [[...ids]]);
    return rows[0].stored as number;
  } finally {
    await client.end();
  }
}

function table(measurements: Measurement[]): string {
  const header = [
    'target',
    'conns',
    'round',
    'req/s',
    'CPU µs/req',
    'DB µs/req',
    'client µs/req',
    'p50 ms',
    'p99 ms',
    'max ms',
    '2xx',
    'non-2xx',
    'errors',
    'stored/acked',
    'lost',
  ];
  const lines = measurements.map((m) => [
    m.target,
    m.connections,
    m.round,
    m.requestsPerSecond.toFixed(0),
    m.cpuMicrosPerRequest.toFixed(0),
    m.databaseCpuMicrosPerRequest?.toFixed(0) ?? '-',
    m.clientCpuMicrosPerRequest.toFixed(0),
    m.eventsPerTransaction?.toFixed(1) ?? '-',
    m.p50,
    m.p99,
    m.max,
    m.ok2xx,
    m.non2xx,
    m.errors,
    `${m.stored}/${m.acknowledged}`,
    m.lost,
  ]);
  const rows = [header, ...lines].map((cells) => cells.map(String));
  const widths = header.map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((cell, column) => cell.padStart(widths[column])).join('  ')).join('\n');
}

function describeForwarded({ delivered, backlog, catchUpSeconds, cpuMicrosPerDelivery }: Forwarded): string {
  return (
    `forwarded ${delivered} during the ${DURATION_S} s window, ${backlog} waiting at its end, all sent ${catchUpSeconds.toFixed(1)} s later ` +
    `(${(backlog / Math.max(0.001, catchUpSeconds)).toFixed(0)}/s, service CPU ${cpuMicrosPerDelivery.toFixed(0)} µs per delivery)`
  );
}

async function main(): Promise<void> {
  const logger = {
    log: (message: string) => console.log(message),
    warn: (message: string) => console.warn(message),
    error: (message: string) => console.error(message),
  };
  const server = await BenchServer.start('bench', logger);
  const serverUrl = server.url;
  const postmaster = server.postmasterPid;
  const stamp = Date.now();
  const serviceDbs = SERVICE_VARIANTS.map((variant) => `bench_${variant.name.replace('-', '_')}_${stamp}`);
  const baselineDb = `bench_baseline_${stamp}`;
  const forwardDbs = FORWARD_VARIANTS.map((variant) => `bench_${variant.name.replace('-', '_')}_${stamp}`);
  for (const database of [...serviceDbs, baselineDb, ...forwardDbs]) {
    await server.createDatabase(database);
  }
  const baselineSchema = new Client({ connectionString: withDatabase(serverUrl, baselineDb) });
  await baselineSchema.connect();
  await baselineSchema.query(BASELINE_SCHEMA);
  await baselineSchema.end();

  const baselinePort = await freeLoopbackPort();
  const credentials = { WEBHOOK_USERNAME: VENDOR.username, WEBHOOK_AUTHORIZATION: VENDOR.authorization };
  const profiling = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
  const startService = (port: number, database: string, workers: number, main = join(__dirname, '..', 'src', 'main.js')) =>
    spawn(process.execPath, [...profiling, ...productionNodeFlags(main), main], {
      env: {
        ...process.env,
        ...credentials,
        NODE_ENV: 'production',
        API_TOKEN,
        PORT: String(port),
        WORKERS: String(workers),
        DATABASE_URL: withDatabase(serverUrl, database),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  const services: { target: Target; process: ChildProcess }[] = [];
  for (const [index, { name, workers, main }] of SERVICE_VARIANTS.entries()) {
    const port = await freeLoopbackPort();
    const database = serviceDbs[index];
    const child = startService(port, database, workers, main);
    services.push({ target: { name, url: `http://127.0.0.1:${port}`, eventsTable: 'webhook_events', database, pid: child.pid }, process: child });
  }
  const forwardings: { name: string; port: number; database: string; process: ChildProcess; client: Client; destinationId: string }[] = [];
  for (const [index, { name, main }] of FORWARD_VARIANTS.entries()) {
    const port = await freeLoopbackPort();
    const database = forwardDbs[index];
    const client = new Client({ connectionString: withDatabase(serverUrl, database) });
    forwardings.push({ name, port, database, process: startService(port, database, 1, main), client, destinationId: '' });
  }
  const sinkPort = await freeLoopbackPort();
  const sink = FORWARD ? fork(join(__dirname, 'forward-sink.js'), [], { env: { PORT: String(sinkPort) }, stdio: 'ignore' }) : undefined;
  const baseline = fork(join(__dirname, 'baseline-server.js'), [], {
    env: { ...process.env, ...credentials, PORT: String(baselinePort), BASELINE_DATABASE_URL: withDatabase(serverUrl, baselineDb) },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const targets: Target[] = [
    { name: 'baseline', url: `http://127.0.0.1:${baselinePort}`, eventsTable: 'raw_events', database: baselineDb, pid: baseline.pid },
    ...services.map((service) => service.target),
  ];
  for (const forwarding of forwardings) {
    targets.push({
      name: forwarding.name,
      url: `http://127.0.0.1:${forwarding.port}`,
      eventsTable: 'webhook_events',
      database: forwarding.database,
      pid: forwarding.process.pid,
    });
    await forwarding.client.connect();
  }
  const measurements: Measurement[] = [];
  const sinkCount = async () => Number(await (await fetch(`http://127.0.0.1:${sinkPort}/count`)).text());
  const forwardingOf = (target: Target) => forwardings.find((forwarding) => forwarding.name === target.name);
  /** Whether the build's schema has outbox batches (a BENCH_COMPARE build may predate them); asked once per database, once its service has migrated it. */
  const schemaHasBatches = new Map<Client, Promise<boolean>>();
  const hasBatches = (database: Client) => {
    if (!schemaHasBatches.has(database)) {
      schemaHasBatches.set(
        database,
        database.query(`SELECT to_regclass('forward_batches') IS NOT NULL AS has`).then((result) => result.rows[0].has as boolean),
      );
    }
    return schemaHasBatches.get(database) as Promise<boolean>;
  };
  /** Events recorded for forwarding and not delivered yet: deliveries, and outbox batches not expanded into deliveries. */
  const backlog = async (database: Client) => {
    const batched = (await hasBatches(database)) ? `(SELECT coalesce(sum(cardinality(event_ids)), 0) FROM forward_batches)` : '0';
    return (await database.query(`SELECT ((SELECT count(*) FROM forward_deliveries WHERE state <> 'delivered') + ${batched})::int AS waiting`)).rows[0]
      .waiting as number;
  };
  /** Seconds until every recorded delivery is delivered (at most 10 minutes). */
  const drain = async (database: Client) => {
    const started = performance.now();
    while ((await backlog(database)) > 0 && performance.now() - started < 600_000) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return (performance.now() - started) / 1000;
  };
  /**
   * The catch-up updated every delivery row: its clean-up (vacuum, and the checkpoint its WAL
   * brings on) is done now, like the deliveries themselves outside the window, instead of landing
   * in whichever target's window comes next (they all share one PostgreSQL).
   */
  const cleanUpAfterCatchUp = async (database: Client) => {
    await database.query(`VACUUM forward_deliveries, ${(await hasBatches(database)) ? 'forward_batches, ' : ''}forward_attempts, destinations`);
    // CHECKPOINT needs a superuser (the embedded server's user is one); elsewhere it is skipped.
    await database.query('CHECKPOINT').catch(() => undefined);
  };
  /** A forwarding destination works only while its own target is measured (`target` undefined: none). */
  const setForwarding = async (target?: Target) => {
    for (const forwarding of forwardings) {
      await fetch(`http://127.0.0.1:${forwarding.port}/destinations/${forwarding.destinationId}`, {
        method: 'PATCH',
        headers: { Authorization: `Bearer ${API_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ enabled: forwarding.name === target?.name }),
      });
    }
  };
  try {
    await waitFor(`${targets[0].url}/`, baseline);
    for (const service of services) {
      await waitFor(`${service.target.url}/health`, service.process);
    }
    if (sink) {
      await waitFor(`http://127.0.0.1:${sinkPort}/count`, sink);
    }
    for (const forwarding of forwardings) {
      await waitFor(`http://127.0.0.1:${forwarding.port}/health`, forwarding.process);
      const created = await fetch(`http://127.0.0.1:${forwarding.port}/destinations`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${API_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ url: `http://127.0.0.1:${sinkPort}/events` }),
      });
      forwarding.destinationId = ((await created.json()) as { id: string }).id;
    }
    await setForwarding();
    for (const target of targets) {
      await setForwarding(target);
      await drive(target, 16, WARMUP_S, 1);
      const forwarding = forwardingOf(target);
      if (forwarding) {
        await drain(forwarding.client);
      }
      await setForwarding();
    }
    let seed = 100;
    for (let round = 1; round <= ROUNDS; round++) {
      for (const connections of CONNECTIONS) {
        // Alternate who goes first, so neither always gets the warmer machine.
        const order = (round + connections) % 2 === 0 ? targets : [...targets].reverse();
        for (const target of order) {
          const forwardingTarget = forwardingOf(target);
          await setForwarding(target);
          const sentBefore = forwardingTarget ? await sinkCount() : 0;
          const cpuBefore = cpuSeconds(target.pid as number);
          const databaseCpuBefore = postmaster === undefined ? 0 : cpuSeconds(postmaster);
          const clientCpuBefore = process.cpuUsage();
          const transactionsBefore = await ingestTransactions(target);
          const { result, acknowledged } = await drive(target, connections, DURATION_S, seed++);
          const cpuUsed = cpuSeconds(target.pid as number) - cpuBefore;
          const databaseCpuUsed = postmaster === undefined ? undefined : cpuSeconds(postmaster) - databaseCpuBefore;
          const clientCpu = process.cpuUsage(clientCpuBefore);
          const transactionsAfter = await ingestTransactions(target);
          const answered = Math.max(1, result['2xx'] + result.non2xx);
          let forwarded: Forwarded | undefined;
          if (forwardingTarget) {
            const database = forwardingTarget.client;
            const [delivered, waiting, cpuBeforeCatchUp] = [(await sinkCount()) - sentBefore, await backlog(database), cpuSeconds(target.pid as number)];
            const catchUpSeconds = await drain(database);
            const cpuMicrosPerDelivery = ((cpuSeconds(target.pid as number) - cpuBeforeCatchUp) * 1e6) / Math.max(1, waiting);
            await cleanUpAfterCatchUp(database);
            forwarded = { delivered, backlog: waiting, catchUpSeconds, cpuMicrosPerDelivery };
          }
          await setForwarding();
          const stored = await countStored(serverUrl, target, acknowledged);
          const measurement: Measurement = {
            target: target.name,
            connections,
            round,
            requestsPerSecond: result.requests.average,
            p50: result.latency.p50,
            p99: result.latency.p99,
            max: result.latency.max,
            ok2xx: result['2xx'],
            non2xx: result.non2xx,
            errors: result.errors + result.timeouts,
            acknowledged: acknowledged.size,
            stored,
            lost: acknowledged.size - stored,
            cpuMicrosPerRequest: (cpuUsed * 1e6) / answered,
            databaseCpuMicrosPerRequest: databaseCpuUsed === undefined ? undefined : (databaseCpuUsed * 1e6) / answered,
            clientCpuMicrosPerRequest: (clientCpu.user + clientCpu.system) / answered,
            eventsPerTransaction:
              transactionsBefore && transactionsAfter
                ? (transactionsAfter.events - transactionsBefore.events) / Math.max(1, transactionsAfter.transactions - transactionsBefore.transactions)
                : undefined,
            forwarded,
          };
          measurements.push(measurement);
          console.log(table([measurement]).split('\n')[1]);
          if (forwarded) {
            console.log(describeForwarded(forwarded));
          }
        }
      }
    }
  } finally {
    for (const forwarding of forwardings) {
      await forwarding.client.end();
      forwarding.process.kill('SIGTERM');
    }
    services.forEach((service) => service.process.kill('SIGTERM'));
    sink?.kill('SIGTERM');
    baseline.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await server.stop();
  }

  const mean = (name: string, connections: number, of: (m: Measurement) => number = (m) => m.requestsPerSecond) => {
    const runs = measurements.filter((m) => m.target === name && m.connections === connections);
    return runs.reduce((sum, m) => sum + of(m), 0) / runs.length;
  };
  const cpu = (name: string, connections: number) => {
    const service = mean(name, connections, (m) => m.cpuMicrosPerRequest).toFixed(0);
    const database = postmaster === undefined ? '' : ` + PostgreSQL ${mean(name, connections, (m) => m.databaseCpuMicrosPerRequest ?? 0).toFixed(0)} µs`;
    return `${service} µs${database}`;
  };
  const ratios = services.flatMap(({ target }) =>
    CONNECTIONS.map((connections) => {
      const [base, svc] = [mean('baseline', connections), mean(target.name, connections)];
      const perRound = measurements
        .filter((m) => m.target === target.name && m.connections === connections)
        .map((m) => {
          const baselineRun = measurements.find((b) => b.target === 'baseline' && b.connections === connections && b.round === m.round) as Measurement;
          return m.requestsPerSecond / baselineRun.requestsPerSecond;
        });
      return { service: target.name, connections, baseline: base, serviceRps: svc, ratio: svc / base, perRound };
    }),
  );
  console.log(`\n${table(measurements)}\n`);
  for (const { service, connections, baseline: base, serviceRps, ratio, perRound } of ratios) {
    const rounds = perRound.map((r) => r.toFixed(2)).join(', ');
    console.log(
      `${connections} connections: ${service} ${serviceRps.toFixed(0)} req/s / baseline ${base.toFixed(0)} req/s = ${ratio.toFixed(2)}x (per round: ${rounds}); ` +
        `CPU per request ${cpu(service, connections)}, baseline ${cpu('baseline', connections)}`,
    );
  }
  for (const { name, without: plain } of FORWARD_VARIANTS) {
    for (const connections of CONNECTIONS) {
      const [forward, svc] = [mean(name, connections), mean(plain, connections)];
      const perRound = measurements
        .filter((m) => m.target === name && m.connections === connections)
        .map((m) => {
          const without = measurements.find((other) => other.target === plain && other.connections === connections && other.round === m.round) as Measurement;
          return (m.requestsPerSecond / without.requestsPerSecond).toFixed(2);
        });
      const windows = measurements.filter((m) => m.target === name && m.connections === connections).map((m) => describeForwarded(m.forwarded as Forwarded));
      console.log(
        `${connections} connections, ${name}: with one destination ${forward.toFixed(0)} req/s / without (${plain}) ${svc.toFixed(0)} req/s = ${(forward / svc).toFixed(2)}x ` +
          `(per round: ${perRound.join(', ')}); CPU per request ${cpu(name, connections)}, without ${cpu(plain, connections)}; ${windows.join('; ')}`,
      );
    }
  }
  const lost = measurements.reduce((sum, m) => sum + m.lost, 0);
  console.log(lost === 0 ? 'Every acknowledged event is stored (lost = 0).' : `LOST ${lost} acknowledged events`);
  const resultsDir = join(__dirname, '..', '..', 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `${new Date(stamp).toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ durationSeconds: DURATION_S, mix: MIX, measurements, ratios }, null, 2));
  console.log(`Figures written to ${file}`);
  process.exitCode = lost === 0 ? 0 : 1;
}

void main();
