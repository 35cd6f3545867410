import { freeLoopbackPort } from '../src/database/database-url';
import { simulate, SIMULATOR_API_PASSWORDS } from '../tools/simulator';
import { API_TOKEN, startTestApp, VENDOR, type TestApp } from './support/test-app';
import { testDirectory } from './support/test-directory';

describe('npm run simulate', () => {
  let testApp: TestApp;
  let url: string;

  beforeAll(async () => {
    testApp = await startTestApp();
    await testApp.app.listen(0, '127.0.0.1');
    url = await testApp.app.getUrl();
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('plays the vendor for a few seconds and finds the service agreeing with what it sent', async () => {
    const progress: number[] = [];
    const summary = await simulate({
      url: url.replace('[::1]', '127.0.0.1'),
      rate: 150,
      duration: 3,
      seed: 11,
      credentials: { ...VENDOR, apiToken: API_TOKEN },
      onProgress: (done) => progress.push(done),
    });
    expect(summary.sent).toBeGreaterThan(300);
    expect(summary.byStatusCode).toEqual({ '200': summary.sent });
    expect(summary.byOutcome.processed).toBeGreaterThan(0);
    expect(summary.byOutcome.duplicate).toBeGreaterThan(0);
    expect(summary.check.messagesChecked).toBeGreaterThan(20);
    expect(summary.check).toMatchObject({ messagesWrong: [], eventsMissing: [], passed: true });
    expect(progress[progress.length - 1]).toBe(1);
  });

  it('sends until a number of messages is complete when asked to', async () => {
    const summary = await simulate({
      url: url.replace('[::1]', '127.0.0.1'),
      rate: 200,
      duration: 60,
      messages: 15,
      seed: 12,
      credentials: { ...VENDOR, apiToken: API_TOKEN },
    });
    expect(summary.check.messagesChecked).toBe(15);
    expect(summary.check.passed).toBe(true);
  });

  it("plays the vendor's media endpoint too, and finds every file kept as sent, or failed where it sent wrong bytes", async () => {
    const media = { port: await freeLoopbackPort(), passwords: SIMULATOR_API_PASSWORDS };
    const mediaApp = await startTestApp({
      env: {
        VENDOR_API_PASSWORDS: JSON.stringify(SIMULATOR_API_PASSWORDS),
        MEDIA_ALLOWED_HOSTS: `127.0.0.1:${media.port}`,
        MEDIA_DIR: testDirectory('simulator-media'),
        // Short, so that a file the vendor first answered with a 503 is tried again within seconds.
        MEDIA_GIVE_UP_AFTER: '60s',
      },
    });
    try {
      await mediaApp.app.listen(0, '127.0.0.1');
      const summary = await simulate({
        url: (await mediaApp.app.getUrl()).replace('[::1]', '127.0.0.1'),
        rate: 100,
        duration: 3,
        seed: 13,
        credentials: { ...VENDOR, apiToken: API_TOKEN },
        media,
      });
      expect(summary.check.mediaChecked).toBeGreaterThan(5);
      expect(summary.check).toMatchObject({ messagesWrong: [], eventsMissing: [], mediaWrong: [], mediaSkipped: null, passed: true });
    } finally {
      await mediaApp.close();
    }
  });
});
