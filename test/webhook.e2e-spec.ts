import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { withDatabase } from '../src/database/database-url';
import { PARCEL_EVENT, PARCEL_TABLE, ParcelEventsModule, RivalParcelModule } from './support/parcel-events.module';
import { API_TOKEN, rows, startTestApp, VENDOR, type TestApp } from './support/test-app';

function parcelEvent(overrides: Record<string, unknown> = {}, body: Record<string, unknown> = {}) {
  return {
    id: randomUUID(),
    type: PARCEL_EVENT,
    eventTime: '2023-02-22 12:00:00',
    body: { parcelId: 'P-1', scan: 'picked_up', ...body },
    ...overrides,
  };
}

async function storedEvents(testApp: TestApp) {
  return rows<{ id: string; state: string }>(testApp, 'SELECT id, state FROM webhook_events ORDER BY seq');
}

describe('POST /webhooks/whatsapp (durable, exactly once, order-proof)', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({ extraModules: [ParcelEventsModule] });
    await testApp.sql.query(PARCEL_TABLE);
  });

  afterAll(async () => {
    await testApp.close();
  });

  beforeEach(async () => {
    await testApp.sql.query('TRUNCATE webhook_events, webhook_event_ids, webhook_event_conflicts, test_parcel_scans');
  });

  describe('4.1 durable before 2xx', () => {
    it('answers 200 only once the raw event, unknown fields included, is committed', async () => {
      const event = parcelEvent({ vendorTrace: 'abc' }, { weightKg: 2.5 });
      const response = await testApp.deliver(event).expect(200);
      expect(response.body).toEqual({ status: 'processed', eventId: event.id });

      const [stored] = await rows<{ payload: unknown; state: string; event_time: Date }>(
        testApp,
        'SELECT payload, state, event_time FROM webhook_events WHERE id = $1',
        [event.id],
      );
      expect(stored.payload).toEqual(event);
      expect(stored.state).toBe('processed');
      expect(stored.event_time.toISOString()).toBe('2023-02-22T12:00:00.000Z');
    });

    it('takes PUT as well as POST', async () => {
      const event = parcelEvent();
      await testApp.http().put('/webhooks/whatsapp').set('UserName', VENDOR.username).set('Authorization', VENDOR.authorization).send(event).expect(200);
      expect(await storedEvents(testApp)).toEqual([{ id: event.id, state: 'processed' }]);
    });
  });

  describe('4.2 exactly-once effect', () => {
    it('turns 20 identical parallel deliveries into one processed event, 19 duplicates and one domain effect', async () => {
      const event = parcelEvent();
      const answers = await Promise.all(Array.from({ length: 20 }, () => testApp.deliver(event)));
      expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(200));
      const statuses = answers.map((answer) => answer.body.status).sort();
      expect(statuses.filter((status) => status === 'processed')).toHaveLength(1);
      expect(statuses.filter((status) => status === 'duplicate')).toHaveLength(19);
      expect(await rows(testApp, 'SELECT event_id FROM test_parcel_scans')).toEqual([{ event_id: event.id }]);
    });

    it('answers a later re-delivery as a duplicate and changes nothing, whatever its key order', async () => {
      const event = parcelEvent();
      await testApp.deliver(event).expect(200);
      const reordered = { body: { scan: event.body.scan, parcelId: event.body.parcelId }, eventTime: event.eventTime, type: event.type, id: event.id };
      const again = await testApp.deliver(reordered).expect(200);
      expect(again.body).toEqual({ status: 'duplicate', eventId: event.id });
      expect(await rows(testApp, 'SELECT attempts FROM webhook_events')).toEqual([{ attempts: 1 }]);
    });

    it('keeps the same id with other content as a conflict, both versions retrievable', async () => {
      const original = parcelEvent();
      const impostor = { ...original, body: { parcelId: 'P-1', scan: 'delivered' } };
      await testApp.deliver(original).expect(200);
      expect((await testApp.deliver(impostor).expect(200)).body).toEqual({ status: 'conflict', eventId: original.id });
      expect((await testApp.deliver(impostor).expect(200)).body.status).toBe('conflict');

      const detail = await testApp.query(`/events/${original.id}`).expect(200);
      expect(detail.body.payload).toEqual(original);
      expect(detail.body.state).toBe('processed');
      expect(detail.body.conflicts).toHaveLength(1);
      expect(detail.body.conflicts[0].payload).toEqual(impostor);
      expect(await rows(testApp, 'SELECT scan FROM test_parcel_scans')).toEqual([{ scan: 'picked_up' }]);

      const listed = await testApp.query('/events?state=conflict').expect(200);
      expect(listed.body.items.map((item: { id: string }) => item.id)).toEqual([original.id]);
    });
  });

  describe('4.4 unknown types are kept', () => {
    it('stores an unknown type as unhandled and answers 200', async () => {
      const event = { id: randomUUID(), type: 'whatsapp_something_new', eventTime: '2023-02-22T12:00:00Z', body: { anything: [1, 2] } };
      expect((await testApp.deliver(event).expect(200)).body).toEqual({ status: 'unhandled', eventId: event.id });
      expect(await storedEvents(testApp)).toEqual([{ id: event.id, state: 'unhandled' }]);
    });
  });

  describe('4.5 bad bodies are kept', () => {
    it('stores a body that fails its type validation as invalid, with the reasons', async () => {
      const event = parcelEvent({}, { scan: 'teleported', parcelId: 42 });
      expect((await testApp.deliver(event).expect(200)).body).toEqual({ status: 'invalid', eventId: event.id });
      const detail = await testApp.query(`/events/${event.id}`).expect(200);
      expect(detail.body.state).toBe('invalid');
      expect(detail.body.reasons).toEqual(
        expect.arrayContaining([
          { field: 'parcelId', problems: [expect.stringContaining('string')] },
          { field: 'scan', problems: [expect.stringContaining('one of the following values')] },
        ]),
      );
      expect(await rows(testApp, 'SELECT * FROM test_parcel_scans')).toEqual([]);
    });
  });

  describe('4.6 handler failures are kept', () => {
    it('rolls back the handler writes, keeps the event as failed with the error, and still answers 200', async () => {
      const good = parcelEvent();
      const explosive = parcelEvent({}, { scan: 'explode', parcelId: 'P-9' });
      const answers = await Promise.all([testApp.deliver(good), testApp.deliver(explosive)]);
      expect(answers.map((answer) => answer.body.status)).toEqual(['processed', 'failed']);

      const detail = await testApp.query(`/events/${explosive.id}`).expect(200);
      expect(detail.body).toMatchObject({ state: 'failed', error: 'Error: the parcel scanner caught fire', attempts: 1 });
      expect(await rows(testApp, 'SELECT event_id FROM test_parcel_scans')).toEqual([{ event_id: good.id }]);

      const replayed = await testApp.http().post(`/events/${explosive.id}/replay`).set('Authorization', `Bearer ${API_TOKEN}`).expect(200);
      expect(replayed.body).toMatchObject({ id: explosive.id, state: 'failed', attempts: 2 });
      expect(await rows(testApp, 'SELECT event_id FROM test_parcel_scans')).toEqual([{ event_id: good.id }]);
    });
  });

  describe('4.7 bad requests get clear errors and store nothing', () => {
    it('names each missing or invalid envelope field', async () => {
      const response = await testApp.deliver({ type: 7, eventTime: 'yesterday', body: 'text' }).expect(400);
      expect(Object.keys(response.body.fields).sort()).toEqual(['body', 'eventTime', 'id', 'type']);
      expect(response.body.fields.eventTime[0]).toContain('2023-02-22 12:00:00');
    });

    it('refuses an envelope that is not an object', async () => {
      const response = await testApp.deliver([parcelEvent()]).expect(400);
      expect(response.body.fields.envelope[0]).toContain('JSON object');
    });

    it('refuses text PostgreSQL cannot store, naming where it is', async () => {
      const response = await testApp.deliver(parcelEvent({}, { parcelId: 'P\u0000' })).expect(400);
      expect(response.body.fields.envelope).toEqual(['$.body.parcelId contains a NUL character']);
    });

    it('answers malformed JSON with 400', async () => {
      const response = await testApp
        .http()
        .post('/webhooks/whatsapp')
        .set('UserName', VENDOR.username)
        .set('Authorization', VENDOR.authorization)
        .set('Content-Type', 'application/json')
        .send('{"id": "x", "type": ')
        .expect(400);
      expect(JSON.stringify(response.body)).toMatch(/JSON/i);
    });

    it('answers a body that is not JSON with 415', async () => {
      await testApp
        .http()
        .post('/webhooks/whatsapp')
        .set('UserName', VENDOR.username)
        .set('Authorization', VENDOR.authorization)
        .set('Content-Type', 'text/plain')
        .send('id=1&type=x')
        .expect(415);
    });

    it('answers a body over WEBHOOK_MAX_BODY with 413', async () => {
      await testApp.deliver(parcelEvent({}, { padding: 'x'.repeat(1024 * 1024) })).expect(413);
    });

    afterEach(async () => {
      expect(await storedEvents(testApp)).toEqual([]);
    });
  });

  describe('4.8 authentication', () => {
    it.each([
      ['no headers', {}],
      ['a wrong Authorization', { UserName: VENDOR.username, Authorization: 'Basic wrong' }],
      ['a wrong UserName', { UserName: 'someone-else', Authorization: VENDOR.authorization }],
      ['only Authorization', { Authorization: VENDOR.authorization }],
      ['the halves of two different pairs', { UserName: 'second-app', Authorization: VENDOR.authorization }],
    ])('refuses %s with 401 and stores nothing', async (_label, headers) => {
      const response = await testApp.http().post('/webhooks/whatsapp').set(headers).send(parcelEvent()).expect(401);
      expect(JSON.stringify(response.body)).not.toContain(VENDOR.authorization);
      expect(await storedEvents(testApp)).toEqual([]);
    });

    it('reads header names in any case', async () => {
      await testApp
        .http()
        .post('/webhooks/whatsapp')
        .set('USERNAME', VENDOR.username)
        .set('authorization', VENDOR.authorization)
        .send(parcelEvent())
        .expect(200);
    });

    it('never writes a header value or secret into the logs', async () => {
      await testApp.deliver(parcelEvent()).expect(200);
      await testApp
        .http()
        .post('/webhooks/whatsapp')
        .set('UserName', VENDOR.username)
        .set('Authorization', 'Basic guessed-wrong')
        .send(parcelEvent())
        .expect(401);
      await testApp.query('/events').expect(200);
      const logs = testApp.logs.join('\n');
      const requestLines = testApp.logs.map((line) => JSON.parse(line)).filter((line) => line.msg === 'request completed');
      expect(requestLines.map((line) => `${line.req.method} ${line.req.url} ${line.res.statusCode}`)).toEqual(
        expect.arrayContaining(['POST /webhooks/whatsapp 200', 'POST /webhooks/whatsapp 401', 'GET /events 200']),
      );
      expect(requestLines.every((line) => typeof line.req.id === 'string' && line.req.id.length > 0)).toBe(true);
      for (const secret of [VENDOR.authorization, VENDOR.username, 'guessed-wrong', API_TOKEN]) {
        expect(logs).not.toContain(secret);
      }
    });
  });

  describe('GET /events', () => {
    it('lists the events of an event-time range newest first, page by page, whichever day they were received', async () => {
      const times = ['2023-02-22T10:00:00Z', '2023-02-22T11:00:00Z', '2023-02-22T12:00:00Z', '2023-02-22T13:00:00Z', '2023-02-23T12:00:00Z'];
      const events = times.map((eventTime) => parcelEvent({ eventTime }));
      for (const event of events) {
        await testApp.deliver(event).expect(200);
      }
      // One received days ago: it lies in another partition.
      await testApp.sql.query(`UPDATE webhook_events SET received_at = received_at - interval '3 days' WHERE id = $1`, [events[1].id]);
      await testApp.sql.query(`UPDATE webhook_event_ids SET received_at = received_at - interval '3 days' WHERE id = $1`, [events[1].id]);

      const range = 'since=2023-02-22T10:30:00Z&until=2023-02-23T00:00:00Z';
      const first = await testApp.query(`/events?${range}&limit=2`).expect(200);
      expect(first.body.items.map((item: { id: string }) => item.id)).toEqual([events[3].id, events[2].id]);
      expect(first.body.items[0]).toMatchObject({ type: PARCEL_EVENT, state: 'processed', eventTime: '2023-02-22T13:00:00.000Z' });
      const second = await testApp.query(`/events?${range}&limit=2&cursor=${first.body.nextCursor}`).expect(200);
      expect(second.body.items.map((item: { id: string }) => item.id)).toEqual([events[1].id]);
      expect(second.body.nextCursor).toBeNull();
    });
  });

  describe('envelope time', () => {
    it('stores ISO times as given', async () => {
      const event = parcelEvent({ eventTime: '2023-02-22T12:00:00.000+08:00' });
      await testApp.deliver(event).expect(200);
      const [stored] = await rows<{ event_time: Date }>(testApp, 'SELECT event_time FROM webhook_events');
      expect(stored.event_time.toISOString()).toBe('2023-02-22T04:00:00.000Z');
    });
  });
});

describe('the event bus', () => {
  it('refuses to boot with two handlers for one type', async () => {
    await expect(startTestApp({ extraModules: [ParcelEventsModule, RivalParcelModule] })).rejects.toThrow(
      'Two handlers for event type "test_parcel_scanned": ParcelScannedHandler and RivalParcelHandler',
    );
  });
});

describe('configuration of the webhook', () => {
  it('accepts every configured pair and reads zone-less times in EVENT_TIME_ZONE', async () => {
    const testApp = await startTestApp({
      env: {
        WEBHOOK_CREDENTIALS: JSON.stringify([{ username: 'second-app', authorization: 'Bearer second-secret' }]),
        EVENT_TIME_ZONE: 'Asia/Shanghai',
      },
    });
    try {
      const event = parcelEvent({ eventTime: '2023-02-22 12:00:00' });
      await testApp.http().post('/webhooks/whatsapp').set('UserName', 'second-app').set('Authorization', 'Bearer second-secret').send(event).expect(200);
      await testApp.deliver(parcelEvent()).expect(200);
      const [stored] = await rows<{ event_time: Date }>(testApp, 'SELECT event_time FROM webhook_events WHERE id = $1', [event.id]);
      expect(stored.event_time.toISOString()).toBe('2023-02-22T04:00:00.000Z');
    } finally {
      await testApp.close();
    }
  });
});

describe('database outage (503 so the vendor re-sends)', () => {
  it('answers 503 quickly and stores nothing while the database is gone, and recovers without a restart', async () => {
    const testApp = await startTestApp();
    const databaseName = new URL(testApp.database.url).pathname.slice(1);
    const admin = new Client({ connectionString: withDatabase(testApp.database.url, 'postgres') });
    await admin.connect();
    const cutOff = async (allow: boolean) => {
      await admin.query(`ALTER DATABASE ${databaseName} ALLOW_CONNECTIONS ${allow}`);
      if (!allow) {
        await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [databaseName]);
      }
    };
    try {
      await cutOff(false);
      const started = Date.now();
      const refused = await testApp.deliver(parcelEvent());
      expect(refused.status).toBe(503);
      expect(Date.now() - started).toBeLessThan(5_000);
      const health = await testApp.http().get('/health');
      expect(health.status).toBe(503);
      expect(health.body.error.database.status).toBe('down');

      await cutOff(true);
      const event = parcelEvent();
      await testApp.deliver(event).expect(200);
      await testApp.http().get('/health').expect(200);
      const check = new Client({ connectionString: testApp.database.url });
      await check.connect();
      const stored = await check.query('SELECT id FROM webhook_events');
      await check.end();
      expect(stored.rows).toEqual([{ id: event.id }]);
    } finally {
      await admin.end();
      await testApp.close();
    }
  });
});
