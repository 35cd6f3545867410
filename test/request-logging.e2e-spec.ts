import { startTestApp, type TestApp } from './support/test-app';

interface LogLine {
  level: number;
  time: string;
  req?: { url: string };
}

const DEBUG = 20;
const INFO = 30;

describe('request logging', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    // At debug, to see the level each request is logged at (one app per file: the request logger is per process).
    testApp = await startTestApp({ env: { LOG_LEVEL: 'debug' } });
  });

  afterAll(async () => {
    await testApp.close();
  });

  /** The log lines of the requests to `url`. */
  function linesFor(url: string): LogLine[] {
    return testApp.logs.map((line) => JSON.parse(line) as LogLine).filter((line) => line.req?.url === url);
  }

  it('logs healthy /health probes at debug only, queries at info, with ISO times', async () => {
    await testApp.http().get('/health').expect(200);
    await testApp.query('/events?limit=1').expect(200);
    expect(linesFor('/health')).toEqual([expect.objectContaining({ level: DEBUG })]);
    const [query] = linesFor('/events?limit=1');
    expect(query.level).toBe(INFO);
    expect(new Date(query.time).toISOString()).toBe(query.time);
  });
});
