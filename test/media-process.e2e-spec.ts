import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { VendorMediaServer, vendorSha256 } from '../tools/vendor-media-server';
import { mediaMessage, storedFiles, until } from './support/media';
import { startService, waitUntilHealthy, type ServiceProcess } from './support/service-process';
import { API_TOKEN, VENDOR } from './support/test-app';
import { createTestDatabase, type TestDatabase } from './support/test-database';
import { testDirectory } from './support/test-directory';

const PASSWORDS = { IW100001: 'media-process-password' };

describe('media downloads across a crash (the service as a process)', () => {
  let vendor: VendorMediaServer;
  let database: TestDatabase;
  let sql: Client;
  const running: ServiceProcess[] = [];

  beforeAll(async () => {
    vendor = await VendorMediaServer.start({ passwords: PASSWORDS, slowMs: 20_000 });
    database = await createTestDatabase();
    sql = new Client({ connectionString: database.url });
    await sql.connect();
  });

  afterAll(async () => {
    for (const service of running) {
      service.child.kill('SIGKILL');
    }
    await sql.end();
    await vendor.close();
    await database.drop();
  });

  it('loses nothing and stores nothing twice when killed with -9 mid-download and restarted', async () => {
    const env = {
      DATABASE_URL: database.url,
      DATA_DIR: testDirectory('media-process'),
      MEDIA_DIR: testDirectory('media-process-files'),
      WEBHOOK_USERNAME: VENDOR.username,
      WEBHOOK_AUTHORIZATION: VENDOR.authorization,
      API_TOKEN,
      VENDOR_API_PASSWORDS: JSON.stringify(PASSWORDS),
      MEDIA_ALLOWED_HOSTS: vendor.host,
      MEDIA_GIVE_UP_AFTER: '60s',
    };
    const first = await startService(env);
    running.push(first);
    await waitUntilHealthy(first);

    // Three files, one of them sent twice (two messages, the same bytes): each first request dribbles for 20 s.
    const contents = [randomBytes(30_000), randomBytes(40_000), randomBytes(50_000)];
    const messages = [...contents, contents[0]].map((bytes, index) => {
      const link = vendor.add(`crash-${index}`, { bytes, answers: ['slow'] });
      return mediaMessage(link, bytes);
    });
    for (const message of messages) {
      const answer = await fetch(`${first.url}/webhooks/whatsapp`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', UserName: VENDOR.username, Authorization: VENDOR.authorization },
        body: JSON.stringify(message.envelope),
      });
      expect(answer.status).toBe(200);
    }
    await until(async () => (vendor.requests.length >= messages.length ? true : undefined), 'every download to start');

    first.child.kill('SIGKILL');
    await first.exited;
    const states = async () =>
      (
        await sql.query<{ state: string }>(`SELECT state FROM inbound_media WHERE message_id = ANY($1) ORDER BY message_id`, [messages.map((m) => m.id)])
      ).rows.map((row) => row.state);
    expect(await states()).toEqual(['pending', 'pending', 'pending', 'pending']);
    expect(storedFiles(env.MEDIA_DIR)).toEqual([]);

    const second = await startService(env);
    running.push(second);
    await waitUntilHealthy(second);
    await until(async () => ((await states()).every((state) => state === 'stored') ? true : undefined), 'every file to be stored', 30_000);

    expect(storedFiles(env.MEDIA_DIR).sort()).toEqual(contents.map((bytes) => Buffer.from(vendorSha256(bytes), 'base64').toString('hex')).sort());
    for (const [index, message] of messages.entries()) {
      const served = await fetch(`${second.url}/inbound-messages/${message.id}/media`, { headers: { Authorization: `Bearer ${API_TOKEN}` } });
      expect(served.status).toBe(200);
      expect(Buffer.compare(Buffer.from(await served.arrayBuffer()), [...contents, contents[0]][index])).toBe(0);
      expect(vendor.requestsFor(`crash-${index}`).map((request) => request.answer)).toEqual(['slow', 'ok']);
    }
  });
});
