import { RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { HANDLES_EVENT, type HandledEvent } from '../src/event-bus/handles-event.decorator';
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

  /** Every route the controllers declare, as OpenAPI paths with their methods: found, not listed here. */
  function declaredRoutes(): Map<string, Set<string>> {
    const discovery = testApp.app.get(DiscoveryService);
    const scanner = testApp.app.get(MetadataScanner);
    const routes = new Map<string, Set<string>>();
    for (const wrapper of discovery.getControllers()) {
      const controller = wrapper.metatype as Type;
      const prefix = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      for (const name of scanner.getAllMethodNames(controller.prototype)) {
        const handler = controller.prototype[name] as object;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined) {
          continue;
        }
        const path = `/${[prefix, String(Reflect.getMetadata(PATH_METADATA, handler) ?? '')].filter((part) => part && part !== '/').join('/')}`;
        const openApiPath = path.replace(/:(\w+)/g, '{$1}');
        routes.set(openApiPath, (routes.get(openApiPath) ?? new Set()).add(RequestMethod[method].toLowerCase()));
      }
    }
    return routes;
  }

  it('documents every route the modules declare at /docs, with its methods', async () => {
    const declared = declaredRoutes();
    expect(Object.keys(document.paths).sort()).toEqual([...declared.keys()].sort());
    for (const [path, methods] of declared) {
      expect({ path, methods: Object.keys(document.paths[path]).sort() }).toEqual({ path, methods: [...methods].sort() });
    }
    // A thing with a history exposes it the one way: GET /<things>/{id}/history.
    for (const things of ['/templates', '/accounts', '/phone-numbers', '/messages']) {
      expect(declared.get(`${things}/{id}/history`)).toEqual(new Set(['get']));
    }
    await testApp.http().get('/docs').expect(200);
  });

  it("shows every event module's own examples on the webhook", () => {
    const discovery = testApp.app.get(DiscoveryService);
    const handledTypes = discovery
      .getProviders({ metadataKey: HANDLES_EVENT.KEY })
      .map((wrapper) => (discovery.getMetadataByDecorator(HANDLES_EVENT, wrapper) as HandledEvent).type);
    expect(handledTypes.length).toBeGreaterThanOrEqual(5);
    for (const method of ['post', 'put']) {
      const webhook = document.paths['/webhooks/whatsapp'][method] as {
        requestBody: { content: Record<string, { examples: Record<string, { value: { type: string } }> }> };
      };
      const exampleTypes = Object.values(webhook.requestBody.content['application/json'].examples).map((example) => example.value.type);
      expect(new Set(exampleTypes)).toEqual(new Set(handledTypes));
    }
  });

  it('describes every query parameter and answer of a list', () => {
    const messages = document.paths['/messages'].get as { parameters: { name: string }[]; responses: Record<string, unknown> };
    expect(messages.parameters.map((parameter) => parameter.name).sort()).toEqual(
      ['accountName', 'cursor', 'limit', 'since', 'status', 'until', 'wabaId', 'wamid'].sort(),
    );
    expect(Object.keys(messages.responses).sort()).toEqual(['200', '400', '401', '429', '503']);
  });

  it('guards every route but the webhook (its own headers) and health with the API token', async () => {
    const guarded = Object.entries(document.paths).filter(([path]) => !OPEN_ROUTES.includes(path));
    expect(guarded.length).toBeGreaterThan(10);
    let client = 0;
    for (const [path, operations] of guarded) {
      const concrete = path.replace(/\{[^}]+\}/g, 'anything');
      for (const method of Object.keys(operations).map((name) => name.toUpperCase() as 'GET' | 'POST')) {
        // Each from its own address: one address refused on every route would trip the auth-failure limiter (429).
        const response = await testApp.app
          .getHttpAdapter()
          .getInstance()
          .inject({ method, url: concrete, remoteAddress: `10.0.0.${++client}` });
        expect({ method, path, status: response.statusCode }).toEqual({ method, path, status: 401 });
      }
    }
    await testApp.http().get('/health').expect(200);
  });
});
