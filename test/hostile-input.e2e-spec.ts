import * as fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { API_TOKEN, startTestApp, VENDOR, type TestApp } from './support/test-app';

// A fixed seed keeps CI reproducible; FUZZ_SEED=<number> (or "random") explores further.
const FUZZ_SEED = process.env.FUZZ_SEED === 'random' ? Date.now() : Number(process.env.FUZZ_SEED ?? 20261125);
fc.configureGlobal({ seed: FUZZ_SEED });

const EVENT_TYPES = [
  'whatsapp_message_status_updated',
  'whatsapp_mo_message_received',
  'whatsapp_template_status_updated',
  'whatsapp_account_review_updated',
  'whatsapp_phone_number_name_update',
  'something_else',
];

const hostileKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'id', 'type', 'body', '\u0000', ''),
  fc.string({ maxLength: 12 }),
);
const hostileText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom("'; DROP TABLE webhook_events; --", '\u0000', '\ud800', '1e309', 'NaN', '2023-02-30 25:61:61', 'x'.repeat(5000)),
);
const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileText,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(hostileKey, tie('value'), { maxKeys: 5 }),
  ),
})).value;

/** JSON nested far deeper than any payload: the receiver must refuse it, not crash. */
function deeplyNested(levels: number): string {
  return `${'{"next":['.repeat(levels)}"leaf"${']}'.repeat(levels)}`;
}

describe('hostile input (fuzzing)', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });

  afterAll(async () => {
    await testApp.close();
  });

  async function post(payload: string, headers: Record<string, string> = {}) {
    return testApp.app.inject({
      method: 'POST',
      url: '/webhooks/whatsapp',
      headers: { 'content-type': 'application/json', username: VENDOR.username, authorization: VENDOR.authorization, ...headers },
      payload,
    });
  }

  it('answers any JSON value with a stored outcome or a 4xx, never a 5xx, and pollutes no prototype', async () => {
    await fc.assert(
      fc.asyncProperty(hostileValue, async (value) => {
        const response = await post(JSON.stringify(value) ?? 'null');
        expect([200, 400]).toContain(response.statusCode);
      }),
      { numRuns: 150 },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
  });

  it('stores every valid envelope, whatever its body, as one of the defined outcomes', async () => {
    const envelope = fc.record({
      id: fc.uuid(),
      type: fc.constantFrom(...EVENT_TYPES),
      eventTime: fc.constantFrom('2023-02-22 12:00:00', '2023-02-22T12:00:00.000Z', '2023-02-22T12:00:00+08:00'),
      body: fc.dictionary(
        fc.constantFrom(
          'id',
          'status',
          'type',
          'from',
          'templateId',
          'templateStatus',
          'wabaId',
          'waba_id',
          'decision',
          'text',
          'location',
          'contacts',
          'errors',
          '__proto__',
          'constructor',
        ),
        hostileValue,
        { maxKeys: 8 },
      ),
    });
    await fc.assert(
      fc.asyncProperty(envelope, async (event) => {
        const response = await post(JSON.stringify(event));
        if (response.statusCode === 400) {
          // A well-formed envelope is refused only for what cannot be stored safely:
          // prototype keys, NUL characters, unpaired surrogates.
          expect(JSON.stringify(event)).toMatch(/__proto__|constructor|\\u0000|\\ud[89ab]/i);
          return;
        }
        expect(response.statusCode).toBe(200);
        expect(['processed', 'duplicate', 'conflict', 'unhandled', 'invalid', 'failed']).toContain(response.json().status);
      }),
      { numRuns: 200 },
    );
    const [{ failed }] = (await testApp.sql.query(`SELECT count(*)::int AS failed FROM webhook_events WHERE state = 'failed'`)).rows;
    expect(failed).toBe(0);
  });

  it('refuses prototype-poisoning keys, deep nesting, huge strings and raw garbage with a 4xx', async () => {
    const cases: [string, string, number][] = [
      ['__proto__ key', `{"id":"p1","type":"x","eventTime":"2023-02-22 12:00:00","body":{"__proto__":{"polluted":true}}}`, 400],
      ['constructor.prototype', `{"id":"p2","type":"x","eventTime":"2023-02-22 12:00:00","body":{"constructor":{"prototype":{"polluted":true}}}}`, 400],
      ['deep nesting', `{"id":"p3","type":"x","eventTime":"2023-02-22 12:00:00","body":{"deep":${deeplyNested(5000)}}}`, 400],
      ['a huge string', JSON.stringify({ id: 'p4', type: 'x', eventTime: '2023-02-22 12:00:00', body: { text: 'y'.repeat(2 * 1024 * 1024) } }), 413],
      ['numbers as strings', JSON.stringify({ id: 5, type: ['x'], eventTime: 1677067200, body: [] }), 400],
      ['binary garbage', '\u0000\u0001\u0002{{{', 400],
      ['an empty body', '', 400],
    ];
    for (const [label, payload, expected] of cases) {
      const response = await post(payload);
      expect({ label, status: response.statusCode }).toEqual({ label, status: expected });
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const [{ stored }] = (await testApp.sql.query(`SELECT count(*)::int AS stored FROM webhook_events WHERE id LIKE 'p_'`)).rows;
    expect(stored).toBe(0);
  });

  it('treats query parameters, SQL metacharacters included, as plain values: 200, 400 or 404, never 5xx', async () => {
    const endpoints = [
      ['/events', ['type', 'state', 'since', 'until', 'limit', 'cursor']],
      ['/messages', ['status', 'wabaId', 'accountName', 'wamid', 'since', 'until', 'limit', 'cursor']],
      ['/inbound-messages', ['from', 'to', 'type', 'wabaId', 'contextWamid', 'q', 'since', 'until', 'limit', 'cursor']],
      ['/templates', ['wabaId', 'name', 'language', 'status', 'category', 'limit', 'cursor']],
      ['/accounts', ['decision', 'accountName', 'limit']],
      ['/phone-numbers', ['wabaId', 'decision', 'limit']],
      ['/customers', ['wabaId', 'limit']],
    ] as const;
    const parameterValue = fc.oneof(
      hostileText,
      fc.constantFrom("' OR 1=1 --", '%', '_', '\\', '"', '); SELECT pg_sleep(10); --', '-1', '0', '99999999999999999999', '2023-02-22'),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...endpoints), fc.array(fc.tuple(fc.nat(), parameterValue), { maxLength: 3 }), async ([path, names], picks) => {
        const query = new URLSearchParams(picks.map(([index, value]): [string, string] => [names[index % names.length], value])).toString();
        const response = await testApp.app.inject({ method: 'GET', url: `${path}?${query}`, headers: { authorization: `Bearer ${API_TOKEN}` } });
        expect([200, 400]).toContain(response.statusCode);
      }),
      { numRuns: 200 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/events/', '/messages/', '/inbound-messages/', '/templates/', '/accounts/', '/phone-numbers/', '/customers/'),
        hostileText,
        async (path, id) => {
          const response = await testApp.app.inject({
            method: 'GET',
            url: `${path}${encodeURIComponent(id.toWellFormed())}`,
            headers: { authorization: `Bearer ${API_TOKEN}` },
          });
          // 414: fastify refuses path parameters over 100 characters.
          expect([200, 400, 404, 414]).toContain(response.statusCode);
        },
      ),
      { numRuns: 100 },
    );
    for (const raw of ['%00', '%ED%A0%80', '%E0%A4%A', '%', '%zz', 'a%00b']) {
      for (const url of [`/events/${raw}`, `/messages?status=${raw}`, `/inbound-messages?q=${raw}`]) {
        const response = await testApp.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${API_TOKEN}` } });
        expect({ url, status: response.statusCode }).toEqual({ url, status: 400 });
      }
    }
    const [{ tables }] = (await testApp.sql.query(`SELECT count(*)::int AS tables FROM pg_tables WHERE tablename = 'webhook_events'`)).rows;
    expect(tables).toBe(1);
  });
});

describe('abuse limits', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });

  afterAll(async () => {
    await testApp.close();
  });

  function deliverFrom(remoteAddress: string, authorization: string) {
    return testApp.app.inject({
      method: 'POST',
      url: '/webhooks/whatsapp',
      remoteAddress,
      headers: { 'content-type': 'application/json', username: VENDOR.username, authorization },
      payload: JSON.stringify({
        id: randomUUID(),
        type: 'whatsapp_account_review_updated',
        eventTime: '2023-12-01 10:00:00',
        body: { wabaId: 'w', decision: 'APPROVED' },
      }),
    });
  }

  it('answers a client that keeps sending wrong credentials 429, while valid credentials are never refused or slowed', async () => {
    const attacker = '203.0.113.66';
    const vendor = '198.51.100.10';
    const attackerStatuses: number[] = [];
    for (let attempt = 0; attempt < 25; attempt++) {
      attackerStatuses.push((await deliverFrom(attacker, `Basic guess-${attempt}`)).statusCode);
      expect((await deliverFrom(vendor, VENDOR.authorization)).statusCode).toBe(200);
    }
    expect(attackerStatuses.slice(0, 20)).toEqual(Array(20).fill(401));
    expect(attackerStatuses.slice(20)).toEqual(Array(5).fill(429));
    // Only failures are limited: the right credentials pass even from the blocked address (a shared proxy).
    expect((await deliverFrom(attacker, VENDOR.authorization)).statusCode).toBe(200);

    const vendorBurst = await Promise.all(Array.from({ length: 100 }, () => deliverFrom(vendor, VENDOR.authorization)));
    expect(vendorBurst.map((response) => response.statusCode)).toEqual(Array(100).fill(200));
  });

  it('limits wrong API tokens the same way', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 22; attempt++) {
      statuses.push(
        (await testApp.app.inject({ method: 'GET', url: '/events', remoteAddress: '203.0.113.77', headers: { authorization: `Bearer no-${attempt}` } }))
          .statusCode,
      );
    }
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
    expect(statuses.slice(20)).toEqual([429, 429]);
    const fromElsewhere = await testApp.app.inject({
      method: 'GET',
      url: '/events',
      remoteAddress: '198.51.100.11',
      headers: { authorization: `Bearer ${API_TOKEN}` },
    });
    expect(fromElsewhere.statusCode).toBe(200);
  });

  it('counts events, auth failures and pool use in GET /metrics, behind the API token', async () => {
    await testApp.http().get('/metrics').expect(401);
    const metrics = (await testApp.query('/metrics').expect(200)).text;
    expect(metrics).toMatch(/webhook_events_received_total\{type="whatsapp_account_review_updated",outcome="processed"\} \d+/);
    expect(metrics).toMatch(/auth_failures_total\{endpoint="webhook",result="refused"\} 20/);
    expect(metrics).toMatch(/auth_failures_total\{endpoint="webhook",result="throttled"\} 5/);
    expect(metrics).toMatch(/webhook_ingest_duration_seconds_count \d+/);
    expect(metrics).toMatch(/db_pool_connections\{state="total"\} \d+/);
    expect(metrics).toContain('database_info{kind="external"} 1');
  });
});
