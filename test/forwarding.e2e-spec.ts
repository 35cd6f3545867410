import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { exampleWithIds, vendorExamples } from './fixtures/vendor-examples';
import { DeliveryPruner, PRUNE_BATCH } from '../src/destinations/delivery-pruner.service';
import { DeliveryRelay } from '../src/destinations/delivery-relay.service';
import { IngestPressure } from '../src/destinations/ingest-pressure';
import { API_TOKEN, rows, startTestApp, type TestApp } from './support/test-app';
import { eventually, startWebhookReceiver, type ReceivedRequest, type WebhookReceiver } from './support/webhook-receiver';

interface Created {
  id: string;
  url: string;
  eventTypes: string[] | null;
  enabled: boolean;
  secret: string;
}

/** Each test forwards to its own path; every destination sees the other tests' events too, so each looks only at its own. */
describe('forwarding to destinations', () => {
  let testApp: TestApp;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    testApp = await startTestApp({ env: { FORWARD_RETRY_DELAYS: '1s,1s,1s,1s,1s,1s,1s,1s,1s', FORWARD_DISABLE_AFTER: '3s' } });
  });

  afterAll(async () => {
    await testApp.close();
    await receiver.close();
  });

  const api = () => testApp.http();
  const auth = { Authorization: `Bearer ${API_TOKEN}` };

  async function createDestination(path: string, options: Record<string, unknown> = {}): Promise<Created> {
    const response = await api()
      .post('/destinations')
      .set(auth)
      .send({ url: receiver.url(path), ...options });
    expect(response.status).toBe(201);
    return response.body as Created;
  }

  function statusEvent(eventTime = '2023-02-22T12:00:00.000Z') {
    const id = randomUUID();
    return { ...exampleWithIds(vendorExamples.statusDelivered, id, `msg-${id}`), eventTime };
  }

  function templateEvent() {
    return exampleWithIds(vendorExamples.templateApproved, randomUUID());
  }

  async function deliver(envelope: { id: string }, expected = 'processed'): Promise<void> {
    const response = await testApp.deliver(envelope);
    expect(response.body).toEqual({ status: expected, eventId: envelope.id });
  }

  /** The requests that reached `path` for one event (the payload's envelope id). */
  function forwardsOf(path: string, eventId: string): ReceivedRequest[] {
    return receiver.requests(path).filter((request) => (JSON.parse(request.body) as { envelope: { id: string } }).envelope.id === eventId);
  }

  function arrived(path: string, eventId: string, count = 1): Promise<ReceivedRequest[]> {
    return eventually(() => (forwardsOf(path, eventId).length >= count ? forwardsOf(path, eventId) : undefined), 20_000, `${count} forward(s) of ${eventId}`);
  }

  function headersOf(request: ReceivedRequest): Record<string, string> {
    return {
      'webhook-id': request.headers['webhook-id'] as string,
      'webhook-timestamp': request.headers['webhook-timestamp'] as string,
      'webhook-signature': request.headers['webhook-signature'] as string,
    };
  }

  /** The events recorded for a destination: its deliveries, and the outbox batches the relay has not expanded yet. */
  async function recordedEvents(destinationId: string): Promise<string[]> {
    const recorded = await rows<{ event_id: string }>(
      testApp,
      `SELECT event_id FROM forward_deliveries WHERE destination_id = $1
       UNION ALL SELECT unnest(event_ids) FROM forward_batches WHERE destination_id = $1`,
      [destinationId],
    );
    return recorded.map((row) => row.event_id).sort();
  }

  async function deliveryRows(destinationId: string): Promise<{ event_id: string; state: string; attempts: number }[]> {
    return rows(testApp, 'SELECT event_id, state, attempts FROM forward_deliveries WHERE destination_id = $1 ORDER BY seq', [destinationId]);
  }

  it('manages destinations through the token-guarded API and shows the secret only on creation', async () => {
    expect(
      (
        await api()
          .post('/destinations')
          .send({ url: receiver.url('/crud') })
      ).status,
    ).toBe(401);
    for (const url of ['ftp://127.0.0.1/x', 'javascript:alert(1)', 'http://user:password@127.0.0.1/x', 'not a url']) {
      expect((await api().post('/destinations').set(auth).send({ url })).status).toBe(400);
    }
    expect(
      (
        await api()
          .post('/destinations')
          .set(auth)
          .send({ url: receiver.url('/crud'), eventTypes: [] })
      ).status,
    ).toBe(400);

    const created = await createDestination('/crud', { description: 'CRM', eventTypes: ['whatsapp_template_status_updated'] });
    expect(created).toMatchObject({ url: receiver.url('/crud'), eventTypes: ['whatsapp_template_status_updated'], enabled: true, description: 'CRM' });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);

    const fetched = await testApp.query(`/destinations/${created.id}`);
    expect(fetched.status).toBe(200);
    expect(fetched.body).not.toHaveProperty('secret');
    expect(JSON.stringify((await testApp.query('/destinations?limit=500')).body)).not.toContain(created.secret.slice(6));

    const patched = await api().patch(`/destinations/${created.id}`).set(auth).send({ eventTypes: null, enabled: false, description: 'CRM, all types' });
    expect(patched.body).toMatchObject({ eventTypes: null, enabled: false, description: 'CRM, all types' });
    expect(testApp.logs.join('\n')).not.toContain(created.secret.slice(6));

    expect((await api().delete(`/destinations/${created.id}`).set(auth)).status).toBe(204);
    expect((await testApp.query(`/destinations/${created.id}`)).status).toBe(404);
    expect((await testApp.query('/destinations/not-a-uuid')).status).toBe(404);
  });

  it('sends each processed event once, signed so that the Standard Webhooks verifier accepts it', async () => {
    const destination = await createDestination('/signed');
    const event = statusEvent();
    await deliver(event);
    const [request] = await arrived('/signed', event.id);

    const payload = new Webhook(destination.secret).verify(request.body, headersOf(request)) as Record<string, unknown>;
    expect(request.headers['webhook-id']).toBe(event.id);
    expect(payload).toMatchObject({ type: event.type, eventTime: event.eventTime, outcome: 'processed', envelope: event });
    expect(new Date(payload.receivedAt as string).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(() => new Webhook(`whsec_${Buffer.alloc(32, 1).toString('base64')}`).verify(request.body, headersOf(request))).toThrow();

    const deliveries = await eventually(async () => {
      const page = (await testApp.query(`/destinations/${destination.id}/deliveries?state=delivered`)).body as { items: Record<string, unknown>[] };
      return page.items.find((item) => item.eventId === event.id);
    });
    expect(deliveries).toMatchObject({ webhookId: event.id, state: 'delivered', attempts: 1, statusCode: 200, error: null });
  });

  it('sends only the types a destination asked for, and unhandled events only when asked', async () => {
    const templatesOnly = await createDestination('/templates-only', { eventTypes: ['whatsapp_template_status_updated'] });
    const withUnhandled = await createDestination('/with-unhandled', { eventTypes: null, includeUnhandled: true });
    const [status, template] = [statusEvent(), templateEvent()];
    const unknown = { id: randomUUID(), type: 'whatsapp_something_new', eventTime: '2023-02-22T12:00:00.000Z', body: { x: 1 } };
    await deliver(status);
    await deliver(template);
    await deliver(unknown, 'unhandled');

    await arrived('/templates-only', template.id);
    const [unhandled] = await arrived('/with-unhandled', unknown.id);
    expect(JSON.parse(unhandled.body)).toMatchObject({ outcome: 'unhandled', envelope: unknown });
    // The outbox is written with the event, so an event it does not name is never forwarded.
    expect(await recordedEvents(templatesOnly.id)).toEqual([template.id]);
    expect(await recordedEvents(withUnhandled.id)).toEqual([status.id, template.id, unknown.id].sort());
    const allTypes = await createDestination('/all-types');
    const later = { ...unknown, id: randomUUID() };
    await deliver(later, 'unhandled');
    expect(await recordedEvents(allTypes.id)).toEqual([]);
    const processedLater = templateEvent();
    await deliver(processedLater);
    expect(await recordedEvents(allTypes.id)).toEqual([processedLater.id]);
  });

  it('tries again after a 503 and after a redirect, with the same webhook-id, and shows each attempt', async () => {
    receiver.answer('/flaky', (_request, earlier) => [503, 302][earlier] ?? 200);
    const destination = await createDestination('/flaky');
    const event = statusEvent();
    await deliver(event);

    const attempts = await arrived('/flaky', event.id, 3);
    expect(new Set(attempts.map((request) => request.headers['webhook-id']))).toEqual(new Set([event.id]));
    expect(receiver.requests('/elsewhere/flaky')).toEqual([]);
    attempts.forEach((request) => expect(() => new Webhook(destination.secret).verify(request.body, headersOf(request))).not.toThrow());
    expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(900);

    const delivered = await eventually(async () => {
      const page = (await testApp.query(`/destinations/${destination.id}/deliveries`)).body as { items: Record<string, unknown>[] };
      return page.items.find((item) => item.eventId === event.id && item.state === 'delivered');
    });
    expect(delivered).toMatchObject({ attempts: 3, statusCode: 200 });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(forwardsOf('/flaky', event.id)).toHaveLength(3);

    // Every attempt is kept, newest first, paged like every list.
    const one = await testApp.query(`/destinations/${destination.id}/deliveries/${delivered.id as string}`).expect(200);
    expect(one.body).toMatchObject({ eventId: event.id, state: 'delivered' });
    const history = (await testApp.query(`/destinations/${destination.id}/deliveries/${delivered.id as string}/attempts?limit=2`).expect(200)).body as {
      items: { delivered: boolean; statusCode: number | null; durationMs: number; error: string | null; attemptedAt: string }[];
      nextCursor: string;
    };
    expect(history.items.map(({ delivered: ok, statusCode, error }) => ({ ok, statusCode, error: error?.slice(0, 8) ?? null }))).toEqual([
      { ok: true, statusCode: 200, error: null },
      { ok: false, statusCode: 302, error: 'HTTP 302' },
    ]);
    history.items.forEach((attempt) => expect(attempt.durationMs).toBeGreaterThanOrEqual(0));
    const rest = (await testApp.query(`/destinations/${destination.id}/deliveries/${delivered.id as string}/attempts?cursor=${history.nextCursor}`)).body as {
      items: { statusCode: number; error: string }[];
      nextCursor: string | null;
    };
    expect(rest.items).toMatchObject([{ statusCode: 503, error: 'HTTP 503: receiver says no' }]);
    expect(rest.nextCursor).toBeNull();
    await testApp.query(`/destinations/${destination.id}/deliveries/999999999/attempts`).expect(404);

    const minutes = (await testApp.query(`/destinations/${destination.id}/attempts-per-minute`).expect(200)).body as {
      items: { delivered: number; failed: number }[];
    };
    expect(minutes.items.reduce((sum, minute) => sum + minute.delivered, 0)).toBe(1);
    expect(minutes.items.reduce((sum, minute) => sum + minute.failed, 0)).toBe(2);
    await testApp.query(`/destinations/${destination.id}/attempts-per-minute?since=2026-01-01T00:00:00Z&until=2026-01-03T00:00:00Z`).expect(400);
  });

  it("expands outbox batches into deliveries all at once while the service has room, one per look while ingest is busy, and drops a deleted destination's", async () => {
    receiver.answer('/expanded', () => 500);
    const destination = await createDestination('/expanded');
    const batches = 40;
    const recordBatches = () =>
      testApp.sql.query(
        `INSERT INTO forward_batches (destination_id, event_ids) SELECT $1, ARRAY['b' || n || '-1', 'b' || n || '-2'] FROM generate_series(1, $2::int) n`,
        [destination.id, batches],
      );
    const waiting = async () =>
      (await rows<{ batches: number }>(testApp, 'SELECT count(*)::int AS batches FROM forward_batches WHERE destination_id = $1', [destination.id]))[0].batches;
    const relay = testApp.app.get(DeliveryRelay);

    const busy = jest.spyOn(testApp.app.get(IngestPressure), 'busy', 'get').mockReturnValue(true);
    try {
      await recordBatches();
      await relay.soon();
      // One batch per look: the relay's own half-second looks may have taken a few more meanwhile.
      expect(await waiting()).toBeGreaterThanOrEqual(batches - 5);
    } finally {
      busy.mockRestore();
    }
    await relay.soon();
    expect(await waiting()).toBe(0);
    expect(await recordedEvents(destination.id)).toHaveLength(2 * batches);

    await recordBatches();
    await api().delete(`/destinations/${destination.id}`).set(auth).expect(204);
    expect(await waiting()).toBe(0);
    expect(await recordedEvents(destination.id)).toEqual([]);
  });

  it('deletes settled deliveries and their attempts once older than FORWARD_RETENTION, in batches, and keeps the rest', async () => {
    const destination = await createDestination('/pruned');
    const events = [statusEvent(), statusEvent(), statusEvent()];
    for (const event of events) {
      await deliver(event);
    }
    await eventually(async () => ((await deliveryRows(destination.id)).filter((row) => row.state === 'delivered').length === 3 ? true : undefined));
    const page = (await testApp.query(`/destinations/${destination.id}/deliveries`)).body as { items: { id: string; eventId: string }[] };
    const idOf = (event: { id: string }) => (page.items.find((item) => item.eventId === event.id) as { id: string }).id;
    const [old, recent, waiting] = events.map(idOf);
    // 31 days ago, past the default 30d; one more old one still waiting for an attempt stays.
    await testApp.sql.query(`UPDATE forward_deliveries SET last_attempt_at = now() - interval '31 days' WHERE seq = ANY ($1::bigint[])`, [[old, waiting]]);
    await testApp.sql.query(`UPDATE forward_deliveries SET state = 'pending', next_attempt_at = now() + interval '1 day' WHERE seq = $1`, [waiting]);
    // More old settled rows than one batch, so the pruning takes several statements.
    await testApp.sql.query(
      `INSERT INTO forward_deliveries (destination_id, event_id, state, attempts, last_attempt_at, delivered_at)
       SELECT $1, 'pruned-' || n, 'failed', 8, now() - interval '40 days', NULL FROM generate_series(1, $2::int) n`,
      [destination.id, PRUNE_BATCH + 5],
    );

    const deleted = await testApp.app.get(DeliveryPruner).prune();
    expect(deleted).toBe(PRUNE_BATCH + 6);
    await testApp.query(`/destinations/${destination.id}/deliveries/${old}`).expect(404);
    await testApp.query(`/destinations/${destination.id}/deliveries/${recent}`).expect(200);
    await testApp.query(`/destinations/${destination.id}/deliveries/${waiting}`).expect(200);
    expect(await rows(testApp, 'SELECT 1 FROM forward_attempts WHERE delivery_seq = $1', [old])).toHaveLength(0);
    expect(await rows(testApp, 'SELECT 1 FROM forward_attempts WHERE delivery_seq = $1', [recent])).toHaveLength(1);
  });

  it('disables a destination that fails for the whole window, shows it in the API and the metrics, and resumes it when enabled', async () => {
    let down = true;
    receiver.answer('/down', () => (down ? 503 : 200));
    const destination = await createDestination('/down');
    const event = statusEvent();
    await deliver(event);

    const disabled = await eventually(async () => {
      const body = (await testApp.query(`/destinations/${destination.id}`)).body as { enabled: boolean; disabledReason: string | null };
      return body.enabled ? undefined : body;
    }, 20_000);
    expect(disabled.disabledReason).toMatch(/failed since/);
    expect(forwardsOf('/down', event.id).length).toBeGreaterThanOrEqual(3);
    const metrics = (await testApp.query('/metrics')).text;
    expect(metrics).toContain(`forward_destination_enabled{destination="${destination.id}"} 0`);
    expect(metrics).toMatch(new RegExp(`forward_attempts_total\\{destination="${destination.id}",outcome="failed"\\} [3-9]`));

    // Events stored while it is disabled are not queued for it.
    const whileDisabled = statusEvent();
    await deliver(whileDisabled);
    expect((await deliveryRows(destination.id)).map((row) => row.event_id)).toEqual([event.id]);

    down = false;
    const resumed = await api().patch(`/destinations/${destination.id}`).set(auth).send({ enabled: true });
    expect(resumed.body).toMatchObject({ enabled: true, disabledReason: null, failingSince: null });
    await eventually(async () => ((await deliveryRows(destination.id))[0].state === 'delivered' ? true : undefined));
  });

  it('replays the events since a time with their original webhook-id, and retries one delivery on request', async () => {
    const destination = await createDestination('/replay');
    const [old, recent] = [statusEvent('2023-01-01T00:00:00.000Z'), statusEvent('2026-06-01T00:00:00.000Z')];
    await deliver(old);
    await deliver(recent);
    await arrived('/replay', old.id);
    await arrived('/replay', recent.id);
    await eventually(async () => ((await deliveryRows(destination.id)).every((row) => row.state === 'delivered') ? true : undefined));

    const replay = await api().post(`/destinations/${destination.id}/replay`).set(auth).send({ since: '2026-05-31T00:00:00Z' });
    expect(replay.status).toBe(202);
    // Every stored event from that time on that this destination takes: other tests' events are older.
    expect(replay.body).toEqual({ deliveries: 1 });
    const [first, again] = await arrived('/replay', recent.id, 2);
    expect(again.headers['webhook-id']).toBe(first.headers['webhook-id']);
    expect(forwardsOf('/replay', old.id)).toHaveLength(1);
    expect((await api().post(`/destinations/${destination.id}/replay`).set(auth).send({ since: 'yesterday' })).status).toBe(400);

    const [oldDelivery] = (
      (await testApp.query(`/destinations/${destination.id}/deliveries`)).body as { items: { id: string; eventId: string }[] }
    ).items.filter((item) => item.eventId === old.id);
    const retried = await api().post(`/destinations/${destination.id}/deliveries/${oldDelivery.id}/retry`).set(auth);
    expect(retried.status).toBe(200);
    const resent = await arrived('/replay', old.id, 2);
    expect(resent[1].headers['webhook-id']).toBe(old.id);
    expect((await api().post(`/destinations/${destination.id}/deliveries/999999999/retry`).set(auth)).status).toBe(404);
  });

  it('signs with both the old and the new secret for a day after a rotation', async () => {
    const destination = await createDestination('/rotation');
    const rotated = await api().post(`/destinations/${destination.id}/rotate-secret`).set(auth);
    expect(rotated.status).toBe(200);
    const { secret, previousSecretExpiresAt } = rotated.body as { secret: string; previousSecretExpiresAt: string };
    expect(secret).not.toBe(destination.secret);
    expect(new Date(previousSecretExpiresAt).getTime() - Date.now()).toBeGreaterThan(23.9 * 3600_000);

    const event = statusEvent();
    await deliver(event);
    const [request] = await arrived('/rotation', event.id);
    expect((request.headers['webhook-signature'] as string).split(' ')).toHaveLength(2);
    expect(() => new Webhook(secret).verify(request.body, headersOf(request))).not.toThrow();
    expect(() => new Webhook(destination.secret).verify(request.body, headersOf(request))).not.toThrow();

    // Once the overlap is over, only the new secret signs.
    await testApp.sql.query(`UPDATE destinations SET previous_secret_expires_at = now() WHERE id = $1`, [destination.id]);
    const after = statusEvent();
    await deliver(after);
    const [afterRequest] = await arrived('/rotation', after.id);
    expect((afterRequest.headers['webhook-signature'] as string).split(' ')).toHaveLength(1);
    expect(() => new Webhook(destination.secret).verify(afterRequest.body, headersOf(afterRequest))).toThrow();
  });

  it('does not forward a vendor re-delivery, nor a replay of a processed event, a second time', async () => {
    const destination = await createDestination('/once');
    const event = statusEvent();
    await deliver(event);
    await deliver(event, 'duplicate');
    await arrived('/once', event.id);
    expect((await api().post(`/events/${event.id}/replay`).set(auth)).body).toMatchObject({ state: 'processed' });
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(forwardsOf('/once', event.id)).toHaveLength(1);
    expect(await deliveryRows(destination.id)).toEqual([{ event_id: event.id, state: 'delivered', attempts: 1 }]);
  });

  it('keeps a slow destination to its concurrency bound, so the others and the webhook do not wait for it', async () => {
    receiver.holdAnswers('/slow', 8_000);
    const types = { eventTypes: ['whatsapp_template_status_updated'] };
    const slow = await createDestination('/slow', types);
    await createDestination('/fast', types);
    const events = Array.from({ length: 10 }, () => templateEvent());
    const started = Date.now();
    for (const event of events) {
      await deliver(event);
    }
    expect(Date.now() - started).toBeLessThan(5_000);
    await Promise.all(events.map((event) => arrived('/fast', event.id)));
    // FORWARD_CONCURRENCY (4 by default) requests wait at the slow one; the rest wait for them.
    expect(receiver.requests('/slow').length).toBeLessThanOrEqual(4);
    expect((await api().delete(`/destinations/${slow.id}`).set(auth)).status).toBe(204);
  });
});
