import { randomUUID } from 'node:crypto';
import { exampleWithIds, vendorExamples } from './fixtures/vendor-examples';
import { startTestApp, type TestApp } from './support/test-app';

interface Schema {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  allOf?: Schema[];
}

interface OpenApiDocument {
  paths: Record<string, Record<string, { security?: Record<string, string[]>[]; responses: Record<string, { content?: Record<string, { schema: Schema }> }> }>>;
  components: { schemas: Record<string, Schema>; securitySchemes: Record<string, Record<string, string>> };
}

describe('/docs', () => {
  let testApp: TestApp;
  let document: OpenApiDocument;

  beforeAll(async () => {
    testApp = await startTestApp();
    document = (await testApp.http().get('/docs-json').expect(200)).body as OpenApiDocument;
  });

  afterAll(async () => {
    await testApp.close();
  });

  /** The properties of a schema, following $ref and allOf (a DTO that extends another). */
  function propertiesOf(schema: Schema): Record<string, Schema> {
    if (schema.$ref) {
      return propertiesOf(document.components.schemas[schema.$ref.split('/').pop() as string]);
    }
    return Object.assign({}, ...(schema.allOf ?? []).map(propertiesOf), schema.properties ?? {}) as Record<string, Schema>;
  }

  /** The documented 200 answer of an operation; for a page, the schema of its items. */
  function documentedFields(path: string, method = 'get'): string[] {
    const schema = document.paths[path][method].responses['200'].content?.['application/json'].schema as Schema;
    const properties = propertiesOf(schema);
    const shape = properties.items?.items && properties.nextCursor ? propertiesOf(properties.items.items) : properties;
    return Object.keys(shape).sort();
  }

  it('lets Authorize and "Try it out" send the webhook headers: UserName and Authorization are apiKey security schemes', () => {
    expect(document.components.securitySchemes.webhookUserName).toEqual(expect.objectContaining({ type: 'apiKey', in: 'header', name: 'UserName' }));
    expect(document.components.securitySchemes.webhookAuthorization).toEqual(expect.objectContaining({ type: 'apiKey', in: 'header', name: 'Authorization' }));
    for (const method of ['post', 'put']) {
      expect(document.paths['/webhooks/whatsapp'][method].security).toEqual([{ webhookUserName: [], webhookAuthorization: [] }]);
    }
  });

  it('describes the API token as a plain bearer token, not a JWT', () => {
    expect(document.components.securitySchemes.bearer).toEqual(expect.objectContaining({ type: 'http', scheme: 'bearer' }));
    expect(document.components.securitySchemes.bearer).not.toHaveProperty('bearerFormat');
  });

  it('documents exactly the fields real answers have (webhook, messages, statuses, inbound messages, customers, events)', async () => {
    const messageId = `docs-${randomUUID()}`;
    const statusEventId = randomUUID();
    const webhookAnswer = await testApp.deliver(exampleWithIds(vendorExamples.statusDelivered, statusEventId, messageId)).expect(200);
    const inboundEventId = randomUUID();
    const inboundId = `docs-in-${randomUUID()}`;
    await testApp.deliver(exampleWithIds(vendorExamples.inboundText, inboundEventId, inboundId)).expect(200);
    const inbound = (await testApp.query(`/inbound-messages/${inboundId}`).expect(200)).body as { from: string };

    const answers: [string, string, Record<string, unknown>][] = [
      ['/webhooks/whatsapp', 'post', webhookAnswer.body as Record<string, unknown>],
      ['/messages/{id}', 'get', (await testApp.query(`/messages/${messageId}`).expect(200)).body],
      ['/messages', 'get', (await testApp.query('/messages?limit=1').expect(200)).body.items[0]],
      ['/messages/{id}/statuses', 'get', (await testApp.query(`/messages/${messageId}/statuses`).expect(200)).body.items[0]],
      ['/inbound-messages/{id}', 'get', inbound],
      ['/inbound-messages', 'get', (await testApp.query('/inbound-messages?limit=1').expect(200)).body.items[0]],
      ['/customers', 'get', (await testApp.query('/customers?limit=1').expect(200)).body.items[0]],
      ['/customers/{phone}', 'get', (await testApp.query(`/customers/${inbound.from}`).expect(200)).body],
      ['/events', 'get', (await testApp.query('/events?limit=1').expect(200)).body.items[0]],
      ['/events/{id}', 'get', (await testApp.query(`/events/${statusEventId}`).expect(200)).body],
    ];
    for (const [path, method, answer] of answers) {
      expect({ path, fields: documentedFields(path, method) }).toEqual({ path, fields: Object.keys(answer).sort() });
    }
    const message = answers[1][2] as { timestamps: object };
    expect(Object.keys(propertiesOf(propertiesOf(document.components.schemas.MessageResponseDto).timestamps)).sort()).toEqual(
      Object.keys(message.timestamps).sort(),
    );
  });

  it('documents the health answer', () => {
    expect(documentedFields('/health')).toEqual(expect.arrayContaining(['status', 'details']));
  });
});
