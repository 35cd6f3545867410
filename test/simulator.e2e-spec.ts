import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freeLoopbackPort } from '../src/database/database-url';
import { simulate, SIMULATOR_API_PASSWORDS } from '../tools/simulator';
import { API_TOKEN, startTestApp, VENDOR, type TestApp } from './support/test-app';
import { testDirectory } from './support/test-directory';

const SIMULATE = join(__dirname, '..', 'dist', 'tools', 'simulate.js');
const TOKEN = join(__dirname, '..', 'dist', 'tools', 'api-token.js');

/** Runs a built tool as npm would, with only the given environment; never throws. */
async function runTool(script: string, args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [script, ...args], { env: { PATH: process.env.PATH ?? '', ...env } });
    return { code: 0, stdout, stderr, ms: Date.now() - started };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr, ms: Date.now() - started };
  }
}

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

  describe('the command line', () => {
    const credentials = { WEBHOOK_USERNAME: VENDOR.username, WEBHOOK_AUTHORIZATION: VENDOR.authorization, API_TOKEN };

    it('explains itself with --help', async () => {
      const { code, stdout } = await runTool(SIMULATE, ['--help'], {});
      expect(code).toBe(0);
      for (const option of ['--url', '--rate', '--duration', '--messages', '--seed', 'run prefix']) {
        expect(stdout).toContain(option);
      }
    });

    it('fails at once, naming the address, when nothing listens there', async () => {
      const port = await freeLoopbackPort();
      const { code, stderr, ms } = await runTool(SIMULATE, ['--duration', '10'], { ...credentials, PORT: String(port) });
      expect(code).toBe(2);
      expect(stderr).toContain(`Cannot reach the service at http://127.0.0.1:${port}`);
      expect(ms).toBeLessThan(8_000);
    });

    it('prints its run prefix, and the ids it sends start with it; an empty variable counts as unset', async () => {
      const port = new URL(url).port;
      const { code, stdout } = await runTool(SIMULATE, ['--duration', '1', '--rate', '20', '--seed', '5'], {
        ...credentials,
        PORT: port,
        WEBHOOK_CREDENTIALS: '',
      });
      expect(code).toBe(0);
      const prefix = /^run prefix (sim5-[0-9a-z]+):/m.exec(stdout)?.[1] as string;
      expect(prefix).toBeDefined();
      const events = await testApp.app.inject({ method: 'GET', url: '/events?limit=5', headers: { authorization: `Bearer ${API_TOKEN}` } });
      const ids = (events.json() as { items: { id: string }[] }).items.map((item) => item.id);
      expect(ids.length).toBeGreaterThan(0);
      expect(ids.every((id) => id.startsWith(`${prefix}-`))).toBe(true);
    });

    it('says which API token the service uses: the environment first, then the generated one', async () => {
      const dataDir = testDirectory('token');
      writeFileSync(join(dataDir, 'secrets.json'), JSON.stringify({ apiToken: 'generated-token-0123456789' }));
      expect((await runTool(TOKEN, [], { DATA_DIR: dataDir })).stdout.trim()).toBe('generated-token-0123456789');
      expect((await runTool(TOKEN, [], { DATA_DIR: dataDir, API_TOKEN: 'configured-token-0123456789' })).stdout.trim()).toBe('configured-token-0123456789');
      expect((await runTool(TOKEN, [], { DATA_DIR: dataDir, API_TOKEN: '' })).stdout.trim()).toBe('generated-token-0123456789');
    });
  });
});
