import { startTestApp, type TestApp } from './support/test-app';

const OPEN_ROUTES = ['/webhooks/whatsapp', '/health'];

describe('the API surface', () => {
  let testApp: TestApp;
  let document: { paths: Record<string, Record<string, unknown>> };

  beforeAll(async () => {
    testApp = await startTestApp();
    document = (await testApp.http().get('/docs-json').expect(200)).body;
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('documents every endpoint of SPEC section 5 at /docs', async () => {
    expect(Object.keys(document.paths).sort()).toEqual(
      [
        '/accounts',
        '/accounts/{wabaId}',
        '/customers',
        '/customers/{phone}',
        '/events',
        '/events/{id}',
        '/events/{id}/replay',
        '/health',
        '/inbound-messages',
        '/inbound-messages/{id}',
        '/messages',
        '/messages/{id}',
        '/messages/{id}/statuses',
        '/phone-numbers',
        '/phone-numbers/{id}',
        '/templates',
        '/templates/{templateId}',
        '/templates/{templateId}/history',
        '/webhooks/whatsapp',
      ].sort(),
    );
    expect(Object.keys(document.paths['/webhooks/whatsapp']).sort()).toEqual(['post', 'put']);
    await testApp.http().get('/docs').expect(200);
  });

  it('guards every route but the webhook (its own headers) and health with the API token', async () => {
    const guarded = Object.entries(document.paths).filter(([path]) => !OPEN_ROUTES.includes(path));
    expect(guarded.length).toBeGreaterThan(10);
    for (const [path, operations] of guarded) {
      const concrete = path.replace(/\{[^}]+\}/g, 'anything');
      for (const method of Object.keys(operations) as ('get' | 'post')[]) {
        const response = await testApp.http()[method](concrete);
        expect({ method, path, status: response.status }).toEqual({ method, path, status: 401 });
      }
    }
    await testApp.http().get('/health').expect(200);
  });
});
