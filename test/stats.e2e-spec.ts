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
});
