import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { API_TOKEN, startTestApp, VENDOR, type TestApp } from './support/test-app';

const ATTACKER = '203.0.113.66';
const VENDOR_HEADERS = { username: VENDOR.username, authorization: VENDOR.authorization };

function accountEvent(id = randomUUID(), extra: Record<string, unknown> = {}) {
  return { id, type: 'whatsapp_account_review_updated', eventTime: '2023-12-01 10:00:00', body: { wabaId: 'w-hostile', decision: 'APPROVED', ...extra } };
}

function statusEvent(id = randomUUID(), extra: Record<string, unknown> = {}) {
  return {
    id,
    type: 'whatsapp_message_status_updated',
    eventTime: '2023-02-22T12:00:00.000Z',
    body: { id: `m-${id}`, accountName: 'IW1', wabaId: 'w1', wamid: `wamid.${id}`, status: 'sent', ...extra },
  };
}

/** Sends one request over a real socket with the given raw header lines (Node would merge repeats). */
function rawPost(port: number, headers: [string, string][], body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/webhooks/whatsapp' }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
    for (const [name, value] of headers) {
      request.appendHeader(name, value);
    }
    request.end(body);
  });
}

describe('hostile internet', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({ env: { MAX_CONFLICT_VERSIONS: '3' } });
  });

  afterAll(async () => {
    await testApp.close();
  });

  function post(payload: string, { remoteAddress = '198.51.100.10', headers = {} as Record<string, string> } = {}) {
    return testApp.app.inject({
      method: 'POST',
      url: '/webhooks/whatsapp',
      remoteAddress,
      headers: { 'content-type': 'application/json', ...VENDOR_HEADERS, ...headers },
      payload,
    });
  }

  describe('authentication failures', () => {
    it('answers a guesser 429 with Retry-After, yet takes the right credentials from the same address at once', async () => {
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 22; attempt++) {
        statuses.push(
          (await post(JSON.stringify(accountEvent()), { remoteAddress: ATTACKER, headers: { authorization: `Basic guess-${attempt}` } })).statusCode,
        );
      }
      expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
      expect(statuses.slice(20)).toEqual([429, 429]);
      const blocked = await post(JSON.stringify(accountEvent()), { remoteAddress: ATTACKER, headers: { authorization: 'Basic wrong' } });
      expect(blocked.statusCode).toBe(429);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(60);
      expect(blocked.json()).toMatchObject({ statusCode: 429, code: 'too_many_auth_failures' });

      // The vendor behind the same address (a shared proxy) is never refused.
      expect((await post(JSON.stringify(accountEvent()), { remoteAddress: ATTACKER })).statusCode).toBe(200);
      // Webhook failures do not block the query API of that address, and a valid token always passes.
      const api = await testApp.app.inject({
        method: 'GET',
        url: '/events?limit=1',
        remoteAddress: ATTACKER,
        headers: { authorization: `Bearer ${API_TOKEN}` },
      });
      expect(api.statusCode).toBe(200);
      const wrongToken = await testApp.app.inject({ method: 'GET', url: '/events', remoteAddress: ATTACKER, headers: { authorization: 'Bearer nope' } });
      expect(wrongToken.statusCode).toBe(401);
      expect(wrongToken.json()).toMatchObject({ code: 'unauthorized' });
    });

    it('refuses a stranger before reading the body: garbage, foreign types and oversized bodies all get 401', async () => {
      const stranger = { remoteAddress: '203.0.113.90', headers: { authorization: 'Basic nope' } };
      expect((await post('[[[[[[[[', stranger)).statusCode).toBe(401);
      expect((await post('x'.repeat(2 * 1024 * 1024), stranger)).statusCode).toBe(401);
      const form = await testApp.app.inject({
        method: 'POST',
        url: '/webhooks/whatsapp',
        remoteAddress: '203.0.113.90',
        headers: { 'content-type': 'text/plain' },
        payload: 'a=b',
      });
      expect(form.statusCode).toBe(401);
    });

    it('refuses repeated UserName or Authorization headers with 401, in either order', async () => {
      const address = testApp.app.getHttpServer().address();
      await testApp.app.listen(0, '127.0.0.1');
      const port = (testApp.app.getHttpServer().address() as { port: number }).port;
      const body = JSON.stringify(accountEvent());
      const base: [string, string][] = [['content-type', 'application/json']];
      expect(address).toBeNull();
      expect(await rawPost(port, [...base, ['username', VENDOR.username], ['authorization', VENDOR.authorization]], body)).toBe(200);
      expect(
        await rawPost(
          port,
          [...base, ['username', VENDOR.username], ['authorization', VENDOR.authorization], ['authorization', 'wrong']],
          JSON.stringify(accountEvent()),
        ),
      ).toBe(401);
      expect(
        await rawPost(
          port,
          [...base, ['username', VENDOR.username], ['authorization', 'wrong'], ['authorization', VENDOR.authorization]],
          JSON.stringify(accountEvent()),
        ),
      ).toBe(401);
      expect(
        await rawPost(
          port,
          [...base, ['username', VENDOR.username], ['username', VENDOR.username], ['authorization', VENDOR.authorization]],
          JSON.stringify(accountEvent()),
        ),
      ).toBe(401);
      const api = await fetch(`http://127.0.0.1:${port}/events`, {
        headers: [
          ['authorization', `Bearer ${API_TOKEN}`],
          ['authorization', `Bearer ${API_TOKEN}`],
        ],
      });
      expect(api.status).toBe(401);
    });
  });

  describe('body cost', () => {
    it('stores a valid event with 90 000 extra keys quickly, every key kept', async () => {
      const extra = Object.fromEntries(Array.from({ length: 90_000 }, (_, index) => [`k${index.toString(36)}`, 0]));
      const event = statusEvent(randomUUID(), extra);
      const payload = JSON.stringify(event);
      expect(payload.length).toBeLessThan(1024 * 1024);
      const started = Date.now();
      const response = await post(payload);
      const elapsed = Date.now() - started;
      expect(response.json()).toEqual({ status: 'processed', eventId: event.id });
      expect(elapsed).toBeLessThan(2_000);
      const [{ keys }] = (
        await testApp.sql.query(`SELECT count(*)::int AS keys FROM webhook_events, jsonb_object_keys(payload->'body') WHERE id = $1`, [event.id])
      ).rows;
      expect(keys).toBe(90_005);
    });

    it('refuses 500 000 nested brackets cheaply, and too many keys, with their codes', async () => {
      const started = Date.now();
      const deep = await post('['.repeat(500_000));
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(deep.statusCode).toBe(400);
      expect(deep.json()).toMatchObject({ code: 'json_too_deep' });
      const wide = `{"id":"w","type":"t","eventTime":"2023-02-22 12:00:00","body":{${Array.from({ length: 100_001 }, (_, i) => `"${i}":0`).join(',')}}}`;
      expect(wide.length).toBeLessThan(1024 * 1024);
      const tooWide = await post(wide);
      expect(tooWide.statusCode).toBe(400);
      expect(tooWide.json()).toMatchObject({ code: 'json_too_many_keys' });
    });

    it('answers 415 to any content type but JSON, and names prototype keys', async () => {
      for (const type of ['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x', 'application/xml']) {
        const response = await post('id=1&type=x', { headers: { 'content-type': type } });
        expect({ type, status: response.statusCode, code: response.json().code }).toEqual({ type, status: 415, code: 'unsupported_media_type' });
      }
      const proto = await post('{"id":"p","type":"x","eventTime":"2023-02-22 12:00:00","body":{"__proto__":{"polluted":true}}}');
      expect(proto.statusCode).toBe(400);
      expect(proto.json()).toMatchObject({ code: 'prototype_key' });
      expect(proto.json().message).toContain('__proto__');
      const escaped = await post('{"id":"p","type":"x","eventTime":"2023-02-22 12:00:00","body":{"constructor":{}}}');
      expect(escaped.json()).toMatchObject({ statusCode: 400, code: 'prototype_key' });
      const invalid = await post('{"id":');
      expect(invalid.json()).toMatchObject({ statusCode: 400, code: 'invalid_json' });
      const envelope = await post('{"id":"x"}');
      expect(envelope.json()).toMatchObject({ statusCode: 400, code: 'invalid_envelope' });
      const large = await post(JSON.stringify(accountEvent(randomUUID(), { pad: 'x'.repeat(1024 * 1024) })));
      expect(large.json()).toMatchObject({ statusCode: 413, code: 'payload_too_large' });
    });
  });

  it('keeps at most MAX_CONFLICT_VERSIONS versions of one id and counts the rest', async () => {
    const id = randomUUID();
    for (let version = 0; version < 7; version++) {
      expect((await post(JSON.stringify(accountEvent(id, { version })))).statusCode).toBe(200);
    }
    // A kept version delivered again is neither stored again nor counted.
    await post(JSON.stringify(accountEvent(id, { version: 1 })));
    const detail = (await testApp.query(`/events/${id}`).expect(200)).body;
    expect(detail.conflicts.map((conflict: { payload: { body: { version: number } } }) => conflict.payload.body.version)).toEqual([1, 2, 3]);
    expect(detail.conflictsNotKept).toBe(3);
    await testApp.query('/events?state=conflict').expect(200);
  });

  describe('query parameters', () => {
    const lists = ['/events', '/messages', '/inbound-messages', '/templates', '/accounts', '/phone-numbers', '/customers'];

    it.each(lists)('%s refuses a cursor beyond bigint with 400 naming it', async (path) => {
      const response = await testApp.query(`${path}?cursor=9223372036854775808`).expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'invalid_query', fields: { cursor: [expect.stringContaining('cursor')] } });
      await testApp.query(`${path}?cursor=9223372036854775807`).expect(200);
    });

    it.each(['2023', '2023-02', '2023-02-22', '2023-02-22T12Z', '2023-02-22T12:00:00,5Z', '2023-W08-3T12:00Z', '2023-02-22T12:00:00', '2023-02-30T00:00Z'])(
      'refuses the time %s with 400 on every range',
      async (value) => {
        for (const path of ['/events', '/messages', '/inbound-messages']) {
          for (const parameter of ['since', 'until']) {
            const response = await testApp.query(`${path}?${parameter}=${encodeURIComponent(value)}`).expect(400);
            expect(Object.keys(response.body.fields)).toEqual([parameter]);
          }
        }
      },
    );

    it('takes ISO 8601 times with date, time and zone', async () => {
      for (const value of ['2023-02-22T12:00:00Z', '2023-02-22T12:00Z', '2023-02-22T12:00:00.123456+08:00']) {
        await testApp.query(`/messages?since=${encodeURIComponent(value)}&until=${encodeURIComponent(value)}`).expect(200);
      }
    });

    it.each([
      ['/messages', 'status', 'delivered'],
      ['/inbound-messages', 'type', 'interactive'],
      ['/templates', 'status', 'APPROVED'],
      ['/templates', 'category', 'UTILITY'],
      ['/accounts', 'decision', 'DEFERRED'],
      ['/phone-numbers', 'decision', 'REJECTED'],
      ['/events', 'state', 'conflict'],
    ])('%s?%s= takes its allowed values and names them when refusing another', async (path, parameter, allowed) => {
      await testApp.query(`${path}?${parameter}=${allowed}`).expect(200);
      const response = await testApp.query(`${path}?${parameter}=bogus`).expect(400);
      expect(response.body.code).toBe('invalid_query');
      expect(response.body.fields[parameter][0]).toContain(allowed);
      expect(response.body.fields[parameter][0]).toContain(parameter);
    });
  });

  describe('headers and logs', () => {
    it('sends protective headers on /docs and on API answers, and no-store on JSON', async () => {
      const docs = await testApp.http().get('/docs/').redirects(1).expect(200);
      expect(docs.headers['x-content-type-options']).toBe('nosniff');
      expect(docs.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(docs.headers['referrer-policy']).toBe('no-referrer');
      expect(docs.headers['content-security-policy']).toContain("script-src 'self'");
      const api = await testApp.query('/messages').expect(200);
      expect(api.headers['cache-control']).toBe('no-store');
      expect(api.headers['x-content-type-options']).toBe('nosniff');
      const refused = await testApp.http().get('/messages').expect(401);
      expect(refused.headers['cache-control']).toBe('no-store');
    });

    it('uses a caller X-Request-Id only when short and plain, and logs the client address with secrets redacted', async () => {
      const hostileId = `evil-${'x'.repeat(15_000)}`;
      await testApp.http().get('/health').set('X-Request-Id', hostileId);
      await testApp.http().get('/health?token=s3cr3t-in-url&api_key=k3y&limit=1').set('X-Request-Id', 'trace.me-7');
      await new Promise((resolve) => setTimeout(resolve, 50));
      const logs = testApp.logs.join('\n');
      expect(logs).not.toContain('x'.repeat(100));
      expect(logs).not.toContain('s3cr3t-in-url');
      expect(logs).not.toContain('k3y');
      const line = testApp.logs
        .map((text) => JSON.parse(text) as { req?: { id: string; url: string; clientAddress: string } })
        .find((entry) => entry.req?.id === 'trace.me-7');
      expect(line?.req).toMatchObject({ url: '/health?token=[REDACTED]&api_key=[REDACTED]&limit=1', clientAddress: expect.stringMatching(/127\.0\.0\.1/) });
    });

    it('documents 429 with Retry-After, 415 and 503 at /docs', async () => {
      const document = (await testApp.http().get('/docs-json').expect(200)).body;
      const webhook = document.paths['/webhooks/whatsapp'].post.responses;
      expect(webhook['429'].headers['Retry-After']).toBeDefined();
      expect(Object.keys(webhook)).toEqual(expect.arrayContaining(['401', '413', '415', '429', '503']));
      const messages = document.paths['/messages'].get.responses;
      expect(messages['503'].content['application/json'].schema.example.code).toBe('database_unavailable');
      expect(messages['429'].headers['Retry-After']).toBeDefined();
    });

    it('gives every error answer a code', async () => {
      expect((await testApp.query('/no-such-route').expect(404)).body).toMatchObject({ statusCode: 404, code: 'not_found' });
      expect((await testApp.query(`/events/${randomUUID()}`).expect(404)).body).toMatchObject({ statusCode: 404, code: 'not_found' });
      expect((await testApp.query('/events/%00').expect(400)).body).toMatchObject({ statusCode: 400, code: 'invalid_url' });
      expect((await testApp.query('/messages?limit=0').expect(400)).body).toMatchObject({ statusCode: 400, code: 'invalid_query' });
    });
  });
});

describe('behind a reverse proxy (TRUST_PROXY)', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({ env: { TRUST_PROXY: '10.0.0.2' } });
  });

  afterAll(async () => {
    await testApp.close();
  });

  function viaProxy(client: string, authorization: string) {
    return testApp.app.inject({
      method: 'POST',
      url: '/webhooks/whatsapp',
      remoteAddress: '10.0.0.2',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': client, username: VENDOR.username, authorization },
      payload: JSON.stringify(accountEvent()),
    });
  }

  it('counts failures per forwarded client address, so one guesser behind the proxy blocks only itself', async () => {
    for (let attempt = 0; attempt < 20; attempt++) {
      expect((await viaProxy('192.0.2.50', 'Basic guess')).statusCode).toBe(401);
    }
    expect((await viaProxy('192.0.2.50', 'Basic guess')).statusCode).toBe(429);
    expect((await viaProxy('192.0.2.51', 'Basic guess')).statusCode).toBe(401);
    expect((await viaProxy('192.0.2.50', VENDOR.authorization)).statusCode).toBe(200);
  });

  it('ignores X-Forwarded-For from an address that is not the trusted proxy', async () => {
    for (let attempt = 0; attempt < 21; attempt++) {
      await testApp.app.inject({
        method: 'POST',
        url: '/webhooks/whatsapp',
        remoteAddress: '203.0.113.5',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `192.0.2.${100 + attempt}`, username: 'x', authorization: 'y' },
        payload: '{}',
      });
    }
    const spoofed = await testApp.app.inject({
      method: 'POST',
      url: '/webhooks/whatsapp',
      remoteAddress: '203.0.113.5',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '192.0.2.250', username: 'x', authorization: 'y' },
      payload: '{}',
    });
    expect(spoofed.statusCode).toBe(429);
  });
});
