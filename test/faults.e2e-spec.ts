import { Client } from 'pg';
import { EmbeddedDatabase } from '../src/database/embedded-database';
import { quietLogger } from './support/global-setup';
import { childProcessIds } from '../tools/child-processes';
import { VendorTraffic } from '../tools/vendor-traffic';
import { acknowledged, deliver, sleep, steadyLoad, type Delivery } from './support/load';
import { startService, waitUntilHealthy, type ServiceProcess } from './support/service-process';
import { API_TOKEN, VENDOR } from './support/test-app';
import { createTestDatabase, type TestDatabase } from './support/test-database';
import { testDirectory } from './support/test-directory';

const CREDENTIALS = { WEBHOOK_USERNAME: VENDOR.username, WEBHOOK_AUTHORIZATION: VENDOR.authorization, API_TOKEN };
const HEADERS = { UserName: VENDOR.username, Authorization: VENDOR.authorization };

/** Which of these event ids are stored, and in which state. */
async function storedStates(databaseUrl: string, ids: string[]): Promise<Map<string, string>> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; state: string }>('SELECT id, state FROM webhook_events WHERE id = ANY($1)', [ids]);
    return new Map(rows.map((row) => [row.id, row.state]));
  } finally {
    await client.end();
  }
}

async function scalar(databaseUrl: string, text: string): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return Number(Object.values((await client.query(text)).rows[0])[0]);
  } finally {
    await client.end();
  }
}

function tally(deliveries: Delivery[]): Record<string, number> {
  return deliveries.reduce<Record<string, number>>((counts, { status }) => ({ ...counts, [status]: (counts[status] ?? 0) + 1 }), {});
}

describe('faults', () => {
  const services: ServiceProcess[] = [];
  const databases: TestDatabase[] = [];

  afterEach(async () => {
    for (const service of services.splice(0)) {
      if (service.child.exitCode === null && service.child.signalCode === null) {
        service.child.kill('SIGKILL');
        await service.exited;
      }
    }
    for (const database of databases.splice(0)) {
      await database.drop();
    }
  });

  async function serviceOn(databaseUrl: string): Promise<ServiceProcess> {
    const service = await startService({ ...CREDENTIALS, DATABASE_URL: databaseUrl });
    services.push(service);
    return service;
  }

  async function freshDatabase(options?: { empty?: boolean }): Promise<TestDatabase> {
    const database = await createTestDatabase(options);
    databases.push(database);
    return database;
  }

  it('answers 503 while PostgreSQL is stopped, recovers without a restart, and loses no acknowledged event', async () => {
    const dataDir = testDirectory('outage');
    let database = await EmbeddedDatabase.start(dataDir, quietLogger);
    const port = Number(new URL(database.url).port);
    try {
      const service = await serviceOn(database.url);
      await waitUntilHealthy(service);
      const load = steadyLoad({ rate: 80, durationMs: 9_000, seed: 21, headers: HEADERS, urls: [service.url] });

      await sleep(2_000);
      await database.stop();
      await sleep(300);
      const started = Date.now();
      const duringOutage = await deliver(
        service.url,
        { id: 'during-outage', type: 'whatsapp_account_review_updated', eventTime: '2023-12-01 10:00:00', body: { wabaId: 'w', decision: 'APPROVED' } },
        HEADERS,
      );
      expect(duringOutage.status).toBe(503);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect((await fetch(`${service.url}/health`)).status).toBe(503);
      // The query API says the same: retry later, not a bug.
      const query = await fetch(`${service.url}/events?limit=1`, { headers: { Authorization: `Bearer ${API_TOKEN}` } });
      expect({ status: query.status, body: await query.json() }).toMatchObject({ status: 503, body: { code: 'database_unavailable' } });

      await sleep(2_500);
      database = await EmbeddedDatabase.start(dataDir, quietLogger, { port });
      const deliveries = await load;
      await waitUntilHealthy(service, 10_000);

      const statuses = tally(deliveries);
      expect(statuses['503']).toBeGreaterThan(0);
      expect(statuses['200']).toBeGreaterThan(0);
      expect(Object.keys(statuses).sort()).toEqual(['200', '503']);
      const acked = acknowledged(deliveries);
      const stored = await storedStates(database.url, [...acked]);
      expect({ acknowledged: acked.size, stored: stored.size }).toEqual({ acknowledged: acked.size, stored: acked.size });
      expect((await deliver(service.url, deliveries[deliveries.length - 1].envelope, HEADERS)).status).toBe(200);
      console.log(`database outage: sent ${deliveries.length}, acknowledged ${acked.size}, stored ${stored.size}, lost 0, answers ${JSON.stringify(statuses)}`);
    } finally {
      await database.stop();
    }
  });

  it('keeps every acknowledged event across a kill -9 of PostgreSQL itself under load', async () => {
    const dataDir = testDirectory('postgres-crash');
    const supervision: string[] = [];
    const keep = (message: string) => void supervision.push(message);
    const database = await EmbeddedDatabase.start(dataDir, { log: () => undefined, warn: keep, error: keep });
    try {
      const service = await serviceOn(database.url);
      await waitUntilHealthy(service);
      const load = steadyLoad({ rate: 300, durationMs: 4_000, seed: 23, headers: HEADERS, urls: [service.url] });
      await sleep(2_000);
      // Every PostgreSQL process at once: WAL still in its shared memory is gone, as after a power cut.
      const postmaster = database.postmasterPid as number;
      [postmaster, ...childProcessIds(postmaster)].forEach((pid) => process.kill(pid, 'SIGKILL'));
      const deliveries = await load;
      await waitUntilHealthy(service, 20_000);
      expect(supervision.join('\n')).toContain('Embedded PostgreSQL restarted');

      const acked = acknowledged(deliveries);
      expect(acked.size).toBeGreaterThan(0);
      const stored = await storedStates(database.url, [...acked]);
      expect({ acknowledged: acked.size, stored: stored.size }).toEqual({ acknowledged: acked.size, stored: acked.size });
      console.log(
        `PostgreSQL kill -9: sent ${deliveries.length}, acknowledged ${acked.size}, stored ${stored.size}, lost 0, answers ${JSON.stringify(tally(deliveries))}`,
      );
    } finally {
      await database.stop();
    }
  });

  it('keeps every acknowledged event, processed once, across a kill -9 under load', async () => {
    const database = await freshDatabase();
    const first = await serviceOn(database.url);
    await waitUntilHealthy(first);
    const load = steadyLoad({ rate: 120, durationMs: 4_000, seed: 22, headers: HEADERS, urls: [first.url] });
    await sleep(2_000);
    first.child.kill('SIGKILL');
    const deliveries = await load;

    const second = await serviceOn(database.url);
    await waitUntilHealthy(second);
    const acked = acknowledged(deliveries);
    const stored = await storedStates(database.url, [...acked]);
    expect(stored.size).toBe(acked.size);
    expect(new Set(stored.values())).toEqual(new Set(['processed']));

    // The vendor re-sends what was not acknowledged; each event then has exactly one effect.
    const retried = await Promise.all(
      deliveries.filter((delivery) => !acked.has(delivery.envelope.id)).map((delivery) => deliver(second.url, delivery.envelope, HEADERS)),
    );
    expect(retried.every((delivery) => delivery.status === 200)).toBe(true);
    const statusEvents = new Set(
      deliveries.filter((delivery) => delivery.envelope.type === 'whatsapp_message_status_updated').map((delivery) => delivery.envelope.id),
    );
    expect(await scalar(database.url, 'SELECT count(*) FROM message_statuses')).toBe(statusEvents.size);
    expect(await scalar(database.url, 'SELECT count(*) FROM webhook_events')).toBe(new Set(deliveries.map((delivery) => delivery.envelope.id)).size);
    expect(await scalar(database.url, 'SELECT coalesce(sum(message_count), 0) FROM customers')).toBe(
      await scalar(database.url, 'SELECT count(*) FROM inbound_messages'),
    );
    console.log(`kill -9: sent ${deliveries.length}, acknowledged ${acked.size}, stored ${stored.size}, lost 0, re-sent ${retried.length}`);
  });

  it('finishes in-flight requests on SIGTERM and exits within a bounded time', async () => {
    const database = await freshDatabase();
    const service = await serviceOn(database.url);
    await waitUntilHealthy(service);
    const load = steadyLoad({ rate: 120, durationMs: 4_000, seed: 23, headers: HEADERS, urls: [service.url] });
    await sleep(2_000);
    const stopping = Date.now();
    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(0);
    const stopSeconds = (Date.now() - stopping) / 1000;
    expect(stopSeconds).toBeLessThan(10);
    const deliveries = await load;

    const acked = acknowledged(deliveries);
    const stored = await storedStates(database.url, [...acked]);
    expect(stored.size).toBe(acked.size);
    expect(acked.size).toBeGreaterThan(100);
    expect(deliveries.every((delivery) => delivery.status === 200 || delivery.status === 503 || delivery.status === 0)).toBe(true);
    console.log(`SIGTERM: stopped in ${stopSeconds.toFixed(1)} s; sent ${deliveries.length}, acknowledged ${acked.size}, stored ${stored.size}, lost 0`);
  });

  it('gives exactly one effect per event when two instances share one database', async () => {
    const database = await freshDatabase({ empty: true });
    const [one, two] = await Promise.all([serviceOn(database.url), serviceOn(database.url)]);
    await Promise.all([waitUntilHealthy(one), waitUntilHealthy(two)]);

    const deliveries = await steadyLoad({ rate: 150, durationMs: 2_000, seed: 24, headers: HEADERS, urls: [one.url] });
    const envelopes = [...new Map(deliveries.map((delivery) => [delivery.envelope.id, delivery.envelope])).values()];
    // On a loaded machine some were answered 503 and not stored: re-sent, as the vendor would.
    for (const unanswered of deliveries.filter((delivery) => delivery.status !== 200)) {
      expect((await deliver(one.url, unanswered.envelope, HEADERS)).status).toBe(200);
    }
    // Every event again, to both instances at once.
    const twice = await Promise.all(envelopes.flatMap((envelope) => [deliver(one.url, envelope, HEADERS), deliver(two.url, envelope, HEADERS)]));
    expect(twice.every((delivery) => delivery.status === 200 && delivery.outcome === 'duplicate')).toBe(true);

    // New events, each sent to both instances at once: neither has seen it, both try to store it.
    const traffic = new VendorTraffic(25, { status: 75, inbound: 25, redelivery: 0 }, `race-${Date.now().toString(36)}`);
    const freshEnvelopes = Array.from({ length: 150 }, () => traffic.next());
    const raced = await Promise.all(freshEnvelopes.map((envelope) => Promise.all([deliver(one.url, envelope, HEADERS), deliver(two.url, envelope, HEADERS)])));
    for (const pair of raced) {
      expect(pair.map((delivery) => delivery.status)).toEqual([200, 200]);
      expect(pair.filter((delivery) => delivery.outcome === 'duplicate')).toHaveLength(1);
    }

    const all = [...envelopes, ...freshEnvelopes];
    expect(await scalar(database.url, 'SELECT count(*) FROM webhook_events')).toBe(all.length);
    expect(await scalar(database.url, 'SELECT count(*) FROM message_statuses')).toBe(
      all.filter((envelope) => envelope.type === 'whatsapp_message_status_updated').length,
    );
    expect(await scalar(database.url, 'SELECT count(*) FROM inbound_messages')).toBe(
      all.filter((envelope) => envelope.type === 'whatsapp_mo_message_received').length,
    );
    console.log(
      `two instances: ${all.length} events delivered ${raced.length * 2 + twice.length + deliveries.length} times, stored ${all.length}, one effect each`,
    );
  });
});
