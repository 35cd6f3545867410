import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { exampleWithIds, vendorExamples } from './fixtures/vendor-examples';
import { deliver, sleep } from './support/load';
import { startService, waitUntilHealthy, type ServiceProcess } from './support/service-process';
import { API_TOKEN, VENDOR } from './support/test-app';
import { createTestDatabase, type TestDatabase } from './support/test-database';
import { eventually, startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver';

const CREDENTIALS = { WEBHOOK_USERNAME: VENDOR.username, WEBHOOK_AUTHORIZATION: VENDOR.authorization, API_TOKEN };
const HEADERS = { UserName: VENDOR.username, Authorization: VENDOR.authorization };
const EVENTS = 20;

/** The service as its own process, killed with SIGKILL while forwards wait for their next attempt. */
describe('forwarding across a kill -9', () => {
  let database: TestDatabase;
  let receiver: WebhookReceiver;
  let sql: Client;
  const services: ServiceProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    receiver = await startWebhookReceiver();
    sql = new Client({ connectionString: database.url });
    await sql.connect();
  });

  afterAll(async () => {
    for (const service of services) {
      if (service.child.exitCode === null && service.child.signalCode === null) {
        service.child.kill('SIGKILL');
        await service.exited;
      }
    }
    await sql.end();
    await receiver.close();
    await database.drop();
  });

  async function start(): Promise<ServiceProcess> {
    // The default retry schedule: at once, then 5 s later.
    const service = await startService({ ...CREDENTIALS, DATABASE_URL: database.url });
    services.push(service);
    await waitUntilHealthy(service);
    return service;
  }

  it('delivers every pending forward after a restart, with the webhook-id of the attempts before the crash', async () => {
    let receiverUp = false;
    receiver.answer('/crm', () => (receiverUp ? 200 : 503));
    const first = await start();
    const created = await fetch(`${first.url}/destinations`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${API_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: receiver.url('/crm') }),
    });
    expect(created.status).toBe(201);

    const ids = Array.from({ length: EVENTS }, () => randomUUID());
    const answers = await Promise.all(ids.map((id) => deliver(first.url, exampleWithIds(vendorExamples.statusRead, id, `msg-${id}`), HEADERS)));
    expect(answers.map((answer) => answer.status)).toEqual(ids.map(() => 200));

    // Kill once every forward has failed its first attempt and waits for its second, none in flight.
    await eventually(
      async () => {
        const { rows } = await sql.query<{ tried: number; sending: number }>(
          `SELECT count(*) FILTER (WHERE attempts >= 1)::int AS tried, count(*) FILTER (WHERE state = 'sending')::int AS sending FROM forward_deliveries`,
        );
        return rows[0].tried === EVENTS && rows[0].sending === 0 ? true : undefined;
      },
      30_000,
      'every forward to fail once',
    );
    first.child.kill('SIGKILL');
    await first.exited;
    const beforeCrash = receiver.requests('/crm');
    expect(new Set(beforeCrash.map((request) => request.headers['webhook-id']))).toEqual(new Set(ids));

    receiverUp = true;
    await start();
    await eventually(
      async () => {
        const { rows } = await sql.query<{ delivered: number }>(`SELECT count(*)::int AS delivered FROM forward_deliveries WHERE state = 'delivered'`);
        return rows[0].delivered === EVENTS ? true : undefined;
      },
      45_000,
      'every forward to be delivered after the restart',
    );
    const afterCrash = receiver.requests('/crm').slice(beforeCrash.length);
    const deliveredIds = afterCrash.map((request) => request.headers['webhook-id'] as string);
    expect(new Set(deliveredIds)).toEqual(new Set(ids));
    for (const request of afterCrash) {
      expect((JSON.parse(request.body) as { envelope: { id: string } }).envelope.id).toBe(request.headers['webhook-id']);
    }
    await sleep(500);
    console.log(`forwarding kill -9: ${EVENTS} events, ${beforeCrash.length} failed attempts before, ${afterCrash.length} requests after, 0 lost`);
  });
});
