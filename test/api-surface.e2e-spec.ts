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
        '/metrics',
        '/phone-numbers',
        '/phone-numbers/{id}',
        '/templates',
        '/templates/{templateId}',
        '/templates/{templateId}/history',
        '/webhooks/whatsapp',
      ].sort(),
    );
    expect(Object.keys(document.paths['/webhooks/whatsapp']).sort()).toEqual(['post', 'put']);
    const webhook = document.paths['/webhooks/whatsapp'].post as {
      requestBody: { content: Record<string, { examples: Record<string, { value: { type: string } }> }> };
    };
    const examples = Object.values(webhook.requestBody.content['application/json'].examples).map((example) => example.value.type);
    expect(examples.sort()).toEqual([
      'whatsapp_account_review_updated',
      'whatsapp_message_status_updated',
      'whatsapp_mo_message_received',
      'whatsapp_phone_number_name_update',
      'whatsapp_template_status_updated',
    ]);
    const messages = document.paths['/messages'].get as { parameters: { name: string }[]; responses: Record<string, unknown> };
    expect(messages.parameters.map((parameter) => parameter.name).sort()).toEqual(
      ['accountName', 'cursor', 'limit', 'since', 'status', 'until', 'wabaId', 'wamid'].sort(),
    );
    expect(Object.keys(messages.responses).sort()).toEqual(['200', '400', '401', '429', '503']);
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
