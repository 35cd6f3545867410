import { randomUUID } from 'node:crypto';
import { CarelessParcelModule, PARCEL_EVENT, PARCEL_TABLE, ParcelEventsModule } from './support/parcel-events.module';
import { API_TOKEN, rows, startTestApp, type TestApp } from './support/test-app';

/** The worked example of docs/extending.md, held to what the guide promises. */
function parcelEvent(body: Record<string, unknown> = {}) {
  return { id: randomUUID(), type: PARCEL_EVENT, eventTime: '2023-02-22T12:00:00.000Z', body: { parcelId: 'P-1', scan: 'picked_up', ...body } };
}

const scansOf = (testApp: TestApp, eventId: string) => rows(testApp, 'SELECT event_id, parcel_id, scan FROM test_parcel_scans WHERE event_id = $1', [eventId]);

describe('an event module written the ordinary NestJS way (docs/extending.md)', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({ extraModules: [ParcelEventsModule] });
    await testApp.sql.query(PARCEL_TABLE);
  });

  afterAll(async () => {
    await testApp.close();
  });

  it("writes the handler's entity with the event, and serves it from its query endpoint", async () => {
    const event = parcelEvent({ parcelId: 'P-atomic' });
    expect((await testApp.deliver(event).expect(200)).body).toEqual({ status: 'processed', eventId: event.id });
    expect(await scansOf(testApp, event.id)).toEqual([{ event_id: event.id, parcel_id: 'P-atomic', scan: 'picked_up' }]);
    expect((await testApp.query('/parcels/P-atomic/scans').expect(200)).body).toEqual([{ eventId: event.id, scan: 'picked_up' }]);
  });

  it("commits the handler's writes and the event together or not at all", async () => {
    // A check PostgreSQL makes only at COMMIT: the batch's commit fails after the handler wrote.
    await testApp.sql.query(`CREATE FUNCTION test_refuse_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.parcel_id = 'P-refused' THEN RAISE EXCEPTION 'refused at commit'; END IF; RETURN NULL; END $$`);
    await testApp.sql.query(`CREATE CONSTRAINT TRIGGER test_refuse_at_commit AFTER INSERT ON test_parcel_scans
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION test_refuse_at_commit()`);
    const event = parcelEvent({ parcelId: 'P-refused' });
    try {
      await testApp.deliver(event).expect(503);
      expect(await rows(testApp, 'SELECT id FROM webhook_events WHERE id = $1', [event.id])).toEqual([]);
      expect(await scansOf(testApp, event.id)).toEqual([]);
    } finally {
      await testApp.sql.query('DROP TRIGGER test_refuse_at_commit ON test_parcel_scans; DROP FUNCTION test_refuse_at_commit()');
    }
    expect((await testApp.deliver(event).expect(200)).body.status).toBe('processed');
    expect(await scansOf(testApp, event.id)).toHaveLength(1);
  });

  it('rolls back a write made before a throw and keeps the event as failed with the error', async () => {
    const event = parcelEvent({ parcelId: 'P-fire', scan: 'explode' });
    expect((await testApp.deliver(event).expect(200)).body.status).toBe('failed');
    expect(await scansOf(testApp, event.id)).toEqual([]);
    const detail = await testApp.query(`/events/${event.id}`).expect(200);
    expect(detail.body).toMatchObject({ state: 'failed', error: 'Error: the parcel scanner caught fire' });
  });

  it('answers a re-delivery as duplicate with no second effect, for a processed and a failed event alike', async () => {
    const processed = parcelEvent({ parcelId: 'P-twice' });
    const failed = parcelEvent({ parcelId: 'P-twice', scan: 'explode' });
    await testApp.deliver(processed).expect(200);
    await testApp.deliver(failed).expect(200);
    for (const event of [processed, failed]) {
      expect((await testApp.deliver(event).expect(200)).body.status).toBe('duplicate');
    }
    expect(await rows(testApp, "SELECT event_id FROM test_parcel_scans WHERE parcel_id = 'P-twice'")).toEqual([{ event_id: processed.id }]);
    const states = await rows(testApp, 'SELECT state, attempts FROM webhook_events WHERE id = ANY($1) ORDER BY state', [[processed.id, failed.id]]);
    expect(states).toEqual([
      { state: 'failed', attempts: 1 },
      { state: 'processed', attempts: 1 },
    ]);
  });

  it('refuses a handler that writes through an injected repository: the event fails and nothing is written', async () => {
    const careless = await startTestApp({ extraModules: [CarelessParcelModule] });
    try {
      await careless.sql.query(PARCEL_TABLE);
      const event = parcelEvent();
      expect((await careless.deliver(event).expect(200)).body.status).toBe('failed');
      expect(await rows(careless, 'SELECT * FROM test_parcel_scans')).toEqual([]);
      const detail = await careless.query(`/events/${event.id}`).expect(200);
      expect(detail.body.error).toContain('outside its event transaction');
    } finally {
      await careless.close();
    }
  });

  it('processes by replay an event stored as unhandled before the module existed', async () => {
    const before = await startTestApp();
    const event = parcelEvent({ parcelId: 'P-early' });
    expect((await before.deliver(event).expect(200)).body.status).toBe('unhandled');
    await before.close({ keepDatabase: true });

    const after = await startTestApp({ database: before.database, extraModules: [ParcelEventsModule] });
    try {
      await after.sql.query(PARCEL_TABLE);
      const replay = () => after.http().post(`/events/${event.id}/replay`).set('Authorization', `Bearer ${API_TOKEN}`).expect(200);
      expect((await replay()).body).toMatchObject({ id: event.id, state: 'processed', attempts: 2 });
      expect((await after.query('/parcels/P-early/scans').expect(200)).body).toEqual([{ eventId: event.id, scan: 'picked_up' }]);
      expect((await replay()).body.state).toBe('processed');
      expect(await rows(after, 'SELECT count(*)::int AS scans FROM test_parcel_scans')).toEqual([{ scans: 1 }]);
    } finally {
      await after.close();
    }
  });
});
