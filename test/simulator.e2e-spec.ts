import { simulate } from '../tools/simulator';
import { API_TOKEN, startTestApp, VENDOR, type TestApp } from './support/test-app';

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
});
