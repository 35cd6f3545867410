import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { VendorMediaServer, vendorSha256, type ServedFile } from '../tools/vendor-media-server';
import { ACCOUNT, mediaMessage, storedFiles, until } from './support/media';
import { startTestApp, type TestApp } from './support/test-app';
import { testDirectory } from './support/test-directory';

const UNCONFIGURED_ACCOUNT = 'IW100009';
const PASSWORDS = { [ACCOUNT]: 'media-test-password', [UNCONFIGURED_ACCOUNT]: 'known-to-the-vendor-only' };

interface MediaView {
  state: string;
  bytes: number | null;
  mimeType: string | null;
  storedAt: string | null;
  attempts: number;
  error: string | null;
}

describe('inbound media', () => {
  let vendor: VendorMediaServer;
  let elsewhere: VendorMediaServer;
  let testApp: TestApp;
  let mediaDir: string;

  const mediaOf = async (id: string): Promise<MediaView> => ((await testApp.query(`/inbound-messages/${id}`).expect(200)).body as { media: MediaView }).media;
  const settled = (id: string) =>
    until(async () => {
      const media = await mediaOf(id);
      return media.state === 'pending' ? undefined : media;
    }, `the media of ${id} to settle`);

  async function deliverFile(file: ServedFile, overrides: Parameters<typeof mediaMessage>[2] = {}, server = vendor) {
    const mediaId = randomUUID();
    const message = mediaMessage(server.add(mediaId, file), file.bytes, overrides);
    await testApp.deliver(message.envelope).expect(200);
    return { ...message, mediaId };
  }

  beforeAll(async () => {
    vendor = await VendorMediaServer.start({ passwords: PASSWORDS, slowMs: 1_500 });
    elsewhere = await VendorMediaServer.start({ passwords: PASSWORDS });
    mediaDir = testDirectory('media');
    testApp = await startTestApp({
      env: {
        VENDOR_API_PASSWORDS: JSON.stringify({ [ACCOUNT]: PASSWORDS[ACCOUNT] }),
        MEDIA_ALLOWED_HOSTS: vendor.host,
        MEDIA_MAX_BYTES: '64kb',
        MEDIA_DIR: mediaDir,
        MEDIA_GIVE_UP_AFTER: '60s',
      },
    });
  });

  afterAll(async () => {
    await testApp.close();
    await vendor.close();
    await elsewhere.close();
  });

  it('downloads a signed request, checks the sha256, keeps the file and serves it', async () => {
    const bytes = randomBytes(20_000);
    const { id, mediaId } = await deliverFile({ bytes });
    const media = await settled(id);
    expect(media).toMatchObject({ state: 'stored', bytes: 20_000, mimeType: 'image/jpeg', attempts: 1, error: null });
    expect(new Date(media.storedAt as string).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(vendor.requestsFor(mediaId)).toEqual([{ mediaId, signed: true, answer: 'ok' }]);

    const served = await testApp.query(`/inbound-messages/${id}/media`).buffer(true).expect(200);
    expect(Buffer.compare(served.body as Buffer, bytes)).toBe(0);
    expect(served.headers['content-type']).toBe('image/jpeg');
    expect(served.headers['content-disposition']).toBe(`attachment; filename=${id}.jpg`);
    expect(served.headers['x-content-type-options']).toBe('nosniff');

    const list = await testApp.query('/inbound-messages?mediaState=stored').expect(200);
    expect((list.body as { items: { id: string }[] }).items.map((item) => item.id)).toContain(id);
    await testApp.query('/inbound-messages?mediaState=lost').expect(400);
  });

  it("names a document's download after its sanitized file name, and keeps the same bytes once", async () => {
    const bytes = randomBytes(5_000);
    const first = await deliverFile({ bytes }, { type: 'document', filename: '../../etc/"invoice"\r\n2026.pdf' });
    const second = await deliverFile({ bytes }, { type: 'document', filename: 'copy.pdf' });
    expect((await settled(first.id)).state).toBe('stored');
    expect((await settled(second.id)).state).toBe('stored');

    const served = await testApp.query(`/inbound-messages/${first.id}/media`).expect(200);
    expect(served.headers['content-disposition']).toBe('attachment; filename=_invoice___2026.pdf');
    expect(served.headers['content-type']).toBe('application/pdf');
    const key = vendorSha256(bytes);
    expect(storedFiles(mediaDir).filter((name) => Buffer.from(name, 'hex').toString('base64') === key)).toHaveLength(1);
  });

  it('answers 409 while the file is downloading and 404 for a message without one', async () => {
    const { id } = await deliverFile({ bytes: randomBytes(10_000), answers: ['slow'] });
    await until(async () => ((await mediaOf(id)).attempts === 1 ? true : undefined), 'the download to start');
    const pending = await testApp.query(`/inbound-messages/${id}/media`).expect(409);
    expect((pending.body as { code: string }).code).toBe('media_pending');
    expect((await settled(id)).state).toBe('stored');
    await testApp.query(`/inbound-messages/no-such-message/media`).expect(404);
  });

  it('tries again after a 5xx', async () => {
    const { id, mediaId } = await deliverFile({ bytes: randomBytes(3_000), answers: ['error'] });
    const media = await settled(id);
    expect(media).toMatchObject({ state: 'stored', attempts: 2, error: null });
    expect(vendor.requestsFor(mediaId).map((request) => request.answer)).toEqual(['error', 'ok']);
    expect(readdirSync(join(mediaDir, '.incoming'))).toEqual([]);
  });

  it('ends failed, with the reason and nothing kept, when the bytes do not match the sha256', async () => {
    const bytes = randomBytes(4_000);
    const { id } = await deliverFile({ bytes, answers: ['wrong-bytes'] });
    const media = await settled(id);
    expect(media.state).toBe('failed');
    expect(media.error).toMatch(/^sha256 mismatch/);
    await testApp.query(`/inbound-messages/${id}/media`).expect(404);
    const wrong = Buffer.from(bytes);
    wrong[0] ^= 0xff;
    expect(storedFiles(mediaDir)).not.toContain(vendorSha256(wrong));
    expect(readdirSync(join(mediaDir, '.incoming'))).toEqual([]);
  });

  it('fails a link to a host that is not allowed without requesting it', async () => {
    const { id, mediaId } = await deliverFile({ bytes: randomBytes(1_000) }, {}, elsewhere);
    const media = await settled(id);
    expect(media).toMatchObject({ state: 'failed', attempts: 0 });
    expect(media.error).toContain(`host ${elsewhere.host} is not in MEDIA_ALLOWED_HOSTS`);
    expect(elsewhere.requestsFor(mediaId)).toEqual([]);
  });

  it('follows no redirect to another host', async () => {
    const { id } = await deliverFile({ bytes: randomBytes(1_000), answers: ['redirect-away'] });
    expect(await settled(id)).toMatchObject({ state: 'failed', error: 'redirected to another host (127.0.0.2:' + vendor.host.split(':')[1] + ')' });
  });

  it('stops a download past MEDIA_MAX_BYTES, announced or not', async () => {
    const announced = await deliverFile({ bytes: randomBytes(70_000) });
    const streamed = await deliverFile({ bytes: randomBytes(70_000), answers: ['chunked'] });
    for (const { id } of [announced, streamed]) {
      const media = await settled(id);
      expect(media.state).toBe('failed');
      expect(media.error).toMatch(/^larger than MEDIA_MAX_BYTES \(65536 bytes\)/);
    }
    expect(readdirSync(join(mediaDir, '.incoming'))).toEqual([]);
  });

  it('keeps the media of an account without a password as not_configured, and fetches it once a restart brings the password', async () => {
    const { id, mediaId } = await deliverFile({ bytes: randomBytes(2_000) }, { account: UNCONFIGURED_ACCOUNT });
    expect(await mediaOf(id)).toMatchObject({ state: 'not_configured', attempts: 0 });
    await testApp.query('/inbound-messages?mediaState=not_configured').expect(200);

    await testApp.close({ keepDatabase: true });
    testApp = await startTestApp({
      database: testApp.database,
      env: {
        VENDOR_API_PASSWORDS: JSON.stringify(PASSWORDS),
        MEDIA_ALLOWED_HOSTS: vendor.host,
        MEDIA_MAX_BYTES: '64kb',
        MEDIA_DIR: mediaDir,
        MEDIA_GIVE_UP_AFTER: '60s',
      },
    });
    expect(await settled(id)).toMatchObject({ state: 'stored', attempts: 1 });
    expect(vendor.requestsFor(mediaId)).toEqual([{ mediaId, signed: true, answer: 'ok' }]);
  });

  it('counts downloads, failures, bytes and the queue in the metrics', async () => {
    const metrics = (await testApp.query('/metrics').expect(200)).text;
    expect(metrics).toMatch(/media_downloads_total\{result="stored"\} [1-9]/);
    expect(metrics).toMatch(/media_downloaded_bytes_total [1-9]/);
    expect(metrics).toMatch(/media_download_queue_depth \d/);
  });
});
