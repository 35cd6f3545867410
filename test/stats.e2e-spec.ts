import { randomUUID } from 'node:crypto';
import { exampleWithIds, vendorExamples } from './fixtures/vendor-examples';
import { failedStatusEvent, inboundTextEvent, invalidStatusEvent, statusEvent, unknownTypeEvent } from './support/sample-events';
import { rows, startTestApp, type TestApp } from './support/test-app';

const STATUS = 'whatsapp_message_status_updated';

describe('stats (GET /stats/*)', () => {
  let testApp: TestApp;
  const since = new Date(Date.now() - 60_000).toISOString();

  beforeAll(async () => {
    testApp = await startTestApp();
    const sent = ['m1', 'm2', 'm3', 'm4'].map((id) => statusEvent(id, 'sent'));
    for (const event of [
      ...sent,
      statusEvent('m1', 'delivered'),
      statusEvent('m2', 'read'),
      failedStatusEvent('m3', '131026', 'Message undeliverable'),
      failedStatusEvent('m5', '131026', 'Message undeliverable'),
      failedStatusEvent('m4', '131047', 'Re-engagement message'),
      inboundTextEvent('in-1', 'hello'),
      inboundTextEvent('in-2', 'where is my order'),
      exampleWithIds(vendorExamples.inboundImage, randomUUID(), 'in-3'),
      invalidStatusEvent('m9'),
      unknownTypeEvent(),
      sent[0],
      { ...sent[1], body: { ...sent[1].body, status: 'delivered' } },
      exampleWithIds(vendorExamples.templateApproved, randomUUID()),
    ]) {
      await testApp.deliver(event).expect(200);
    }
  });

  afterAll(async () => {
    await testApp.close();
  });

  const countsBy = (series: { type: string; outcome: string; total: number }[]) =>
    Object.fromEntries(series.map((one) => [`${one.type} ${one.outcome}`, one.total]));

  it('counts events per minute by type and outcome, re-deliveries included', async () => {
    const { body } = await testApp.query(`/stats/events?since=${since}`).expect(200);
    expect(body.bucket).toBe('minute');
    expect(body.buckets.length).toBeGreaterThanOrEqual(1);
    for (const one of body.series) {
      expect(one.counts).toHaveLength(body.buckets.length);
      expect(one.counts.reduce((sum: number, count: number) => sum + count, 0)).toBe(one.total);
    }
    expect(countsBy(body.series)).toEqual({
      [`${STATUS} processed`]: 9,
      [`${STATUS} invalid`]: 1,
      [`${STATUS} duplicate`]: 1,
      [`${STATUS} conflict`]: 1,
      'whatsapp_mo_message_received processed': 3,
      'whatsapp_something_new unhandled': 1,
      'whatsapp_template_status_updated processed': 1,
    });
  });

  it('agrees with the stored events at every width, and moves a replayed event to its new state', async () => {
    const [failing] = await rows<{ id: string }>(testApp, `SELECT id FROM webhook_events WHERE state = 'invalid'`);
    // A fixed body, then a replay: the event moves from invalid to processed in the counts.
    await testApp.sql.query(`UPDATE webhook_events SET payload = jsonb_set(payload, '{body}', $2::jsonb) WHERE id = $1`, [
      failing.id,
      JSON.stringify(statusEvent('m9', 'sent').body),
    ]);
    await testApp.http().post(`/events/${failing.id}/replay`).set('Authorization', 'Bearer test-api-token-7f3a9c').expect(200);
    const stored = await rows<{ key: string; count: number }>(
      testApp,
      `SELECT type || ' ' || state AS key, count(*)::int AS count FROM webhook_events GROUP BY 1`,
    );
    for (const bucket of ['minute', 'hour', 'day']) {
      const { body } = await testApp.query(`/stats/events?since=${since}&bucket=${bucket}`).expect(200);
      const counts = countsBy(body.series);
      delete counts[`${STATUS} duplicate`];
      delete counts[`${STATUS} conflict`];
      expect(counts).toEqual(Object.fromEntries(stored.map((row) => [row.key, row.count])));
    }
  });

  it('gives the delivery funnel of the messages first seen in the window, with rates', async () => {
    const { body } = await testApp.query(`/stats/messages?since=${since}`).expect(200);
    // m1 delivered, m2 read, m3 and m4 failed, m5 failed (first seen failed), m9 sent (the replay).
    expect(body.total).toMatchObject({ messages: 6, delivered: 2, read: 1, failed: 3, pending: 1 });
    expect(body.total.deliveredRate).toBeCloseTo(2 / 6);
    expect(body.items.reduce((sum: number, item: { messages: number }) => sum + item.messages, 0)).toBe(6);
  });

  it('ranks failure reasons with a count and an example message', async () => {
    const { body } = await testApp.query(`/stats/failure-reasons?since=${since}&bucket=hour`).expect(200);
    expect(body.items).toEqual([
      { code: '131026', message: 'Message undeliverable', count: 2, exampleMessageId: expect.stringMatching(/^m[35]$/) },
      { code: '131047', message: 'Re-engagement message', count: 1, exampleMessageId: 'm4' },
    ]);
    expect((await testApp.query(`/stats/failure-reasons?since=${since}&limit=1`).expect(200)).body.items).toHaveLength(1);
  });

  it('counts inbound messages by type', async () => {
    const { body } = await testApp.query(`/stats/inbound?since=${since}`).expect(200);
    expect(Object.fromEntries(body.series.map((one: { type: string; total: number }) => [one.type, one.total]))).toEqual({ text: 2, image: 1 });
  });

  it('counts templates by status, accounts and phone numbers by decision', async () => {
    const { body } = await testApp.query('/stats/current').expect(200);
    expect(body).toEqual({ templates: { APPROVED: 1 }, accounts: {}, phoneNumbers: {} });
  });

  it('answers an empty window with no items, and refuses bad ranges naming the problem', async () => {
    const past = await testApp.query('/stats/events?since=2020-01-01T00:00:00Z&until=2020-01-02T00:00:00Z').expect(200);
    expect(past.body).toMatchObject({ bucket: 'minute', since: '2020-01-01T00:00:00.000Z', until: '2020-01-02T00:00:00.000Z', series: [] });
    expect(past.body.buckets).toHaveLength(1440);
    const tooMany = await testApp.query('/stats/events?since=2020-01-01T00:00:00Z&until=2020-02-01T00:00:00Z&bucket=minute').expect(400);
    expect(tooMany.body).toMatchObject({ code: 'invalid_query', fields: { bucket: [expect.stringContaining('wider bucket')] } });
    expect((await testApp.query('/stats/events?bucket=week').expect(400)).body.fields).toHaveProperty('bucket');
    await testApp.query('/stats/messages?since=yesterday').expect(400);
    await testApp.query('/stats/failure-reasons?limit=0').expect(400);
    await testApp.http().get('/stats/events').expect(401);
  });

  it('keeps the funnel, failure and inbound rollups equal to the rows they count when many events share a batch', async () => {
    const messages = Array.from({ length: 12 }, (_, index) => `burst-${index}`);
    const burst = messages.flatMap((id, index) => [
      statusEvent(id, 'sent'),
      index % 3 === 0 ? failedStatusEvent(id, '131026', 'Message undeliverable') : statusEvent(id, 'delivered'),
      ...(index % 2 === 0 ? [statusEvent(id, 'read')] : []),
      inboundTextEvent(`burst-in-${index}`, 'hello'),
    ]);
    // Sent together, so that batches hold several statuses of one message and messages seen before.
    await Promise.all([...burst, statusEvent('m1', 'read'), statusEvent('m3', 'delivered')].map((event) => testApp.deliver(event).expect(200)));
    const differences = await rows<{ rollup: string; key: string; counted: number; stored: number }>(
      testApp,
      `WITH funnel AS (
         SELECT date_trunc(w, created_at, 'UTC') AS bucket, w, CASE status_rank WHEN 1 THEN 'sent' WHEN 2 THEN 'failed' WHEN 3 THEN 'delivered' WHEN 4 THEN 'read' ELSE 'other' END AS key
         FROM messages CROSS JOIN (VALUES ('minute'), ('hour')) AS widths(w)),
       failures AS (
         SELECT date_trunc(w, received_at, 'UTC') AS bucket, w, error_code || ' ' || error_message AS key
         FROM message_statuses CROSS JOIN (VALUES ('minute'), ('hour')) AS widths(w) WHERE status_rank = 2),
       inbound AS (
         SELECT date_trunc(w, received_at, 'UTC') AS bucket, w, type AS key FROM inbound_messages CROSS JOIN (VALUES ('minute'), ('hour')) AS widths(w)),
       stored AS (
         SELECT 'funnel' AS rollup, w, bucket, key, count(*)::int AS n FROM funnel GROUP BY 1, 2, 3, 4
         UNION ALL SELECT 'failures', w, bucket, key, count(*)::int FROM failures GROUP BY 1, 2, 3, 4
         UNION ALL SELECT 'inbound', w, bucket, key, count(*)::int FROM inbound GROUP BY 1, 2, 3, 4),
       counted AS (
         SELECT 'funnel' AS rollup, bucket_width AS w, bucket_start AS bucket, stage AS key, sum(count)::int AS n FROM stats_message_funnel GROUP BY 1, 2, 3, 4
         UNION ALL SELECT 'failures', bucket_width, bucket_start, code || ' ' || message, sum(count)::int FROM stats_failure_reasons GROUP BY 1, 2, 3, 4
         UNION ALL SELECT 'inbound', bucket_width, bucket_start, type, sum(count)::int FROM stats_inbound_counts GROUP BY 1, 2, 3, 4)
       SELECT rollup, w || ' ' || bucket || ' ' || key AS key, coalesce(counted.n, 0) AS counted, coalesce(stored.n, 0) AS stored
       FROM counted FULL JOIN stored USING (rollup, w, bucket, key)
       WHERE coalesce(counted.n, 0) <> coalesce(stored.n, 0)`,
    );
    expect(differences).toEqual([]);
    const [{ read }] = await rows<{ read: number }>(
      testApp,
      `SELECT sum(count)::int AS read FROM stats_message_funnel WHERE bucket_width = 'hour' AND stage = 'read'`,
    );
    // m2, m1 (moved from delivered) and the six bursts that were read.
    expect(read).toBe(8);
  });
});
