import type { DynamicModule } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Writable } from 'node:stream';
import { Client } from 'pg';
import request from 'supertest';
import { createApp } from '../../src/app.setup';
import { loadEnvironment } from '../../src/config/environment';
import { createTestDatabase, type TestDatabase } from './test-database';
import { testDirectory } from './test-directory';

export const VENDOR = { username: 'vendor-test-app', authorization: 'Basic dmVuZG9yOnMzY3JldC1mb3ItdGVzdHM=' };
export const API_TOKEN = 'test-api-token-7f3a9c';

export interface TestApp {
  app: NestFastifyApplication;
  database: TestDatabase;
  /** Every JSON log line the app wrote. */
  logs: string[];
  /** A client on the test database, for assertions on what was stored. */
  sql: Client;
  /** POST an envelope to the webhook with the vendor's headers. */
  deliver(envelope: unknown): request.Test;
  /** GET a query endpoint with the API token. */
  query(path: string): request.Test;
  http(): ReturnType<typeof request>;
  /** Stops the app; drops its database unless another app will be started on it. */
  close(options?: { keepDatabase?: boolean }): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  extraModules?: DynamicModule['imports'];
  /** Start on the database of an app closed with keepDatabase, as a restarted service would. */
  database?: TestDatabase;
}

export async function startTestApp({ env = {}, extraModules = [], database: reused }: TestAppOptions = {}): Promise<TestApp> {
  const database = reused ?? (await createTestDatabase());
  const environment = loadEnvironment({
    WEBHOOK_USERNAME: VENDOR.username,
    WEBHOOK_AUTHORIZATION: VENDOR.authorization,
    API_TOKEN,
    DATA_DIR: testDirectory('app-data'),
    ...env,
  });
  const logs: string[] = [];
  const logDestination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const app = await createApp({ environment, databaseUrl: database.url, extraModules, logDestination });
  const sql = new Client({ connectionString: database.url });
  // A test may cut the database off on purpose; the client then just stops working.
  sql.on('error', () => undefined);
  await sql.connect();
  const http = () => request(app.getHttpServer());
  return {
    app,
    database,
    logs,
    sql,
    http,
    deliver: (envelope) =>
      http()
        .post('/webhooks/whatsapp')
        .set('UserName', VENDOR.username)
        .set('Authorization', VENDOR.authorization)
        .send(envelope as object),
    query: (path) => http().get(path).set('Authorization', `Bearer ${API_TOKEN}`),
    async close({ keepDatabase = false } = {}) {
      await sql.end().catch(() => undefined);
      await app.close();
      if (!keepDatabase) {
        await database.drop();
      }
    },
  };
}

/** Rows of a query on the test database. */
export async function rows<T = Record<string, unknown>>(testApp: TestApp, text: string, values: unknown[] = []): Promise<T[]> {
  return (await testApp.sql.query(text, values)).rows as T[];
}
