import { execFileSync } from 'node:child_process';
import { startService, waitUntilHealthy, type ServiceProcess } from './support/service-process';
import { testDirectory } from './support/test-directory';

const VENDOR = { UserName: 'workers-vendor', Authorization: 'Basic d29ya2Vyczp0ZXN0LXNlY3JldC12YWx1ZQ==' };
const API_TOKEN = 'workers-api-token-0123456789';

/** The worker processes of a WORKERS > 1 service: its children that run the service's own script. */
function workerPids(service: ServiceProcess): number[] {
  const listing = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(service.child.pid)], { encoding: 'utf8' });
  return listing
    .split('\n')
    .filter((line) => line.includes('main.js'))
    .map((line) => Number(line.trim().split(' ')[0]))
    .sort();
}

async function until<T>(what: string, check: () => T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function deliver(service: ServiceProcess, id: string): Promise<{ status: string }> {
  return fetch(`${service.url}/webhooks/whatsapp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...VENDOR },
    body: JSON.stringify({
      id,
      type: 'whatsapp_template_status_updated',
      eventTime: '2023-10-16 13:04:57',
      body: { templateId: id, templateStatus: 'APPROVED' },
    }),
  }).then((response) => response.json() as Promise<{ status: string }>);
}

describe('WORKERS=2: two processes on one port, one embedded database', () => {
  it('answers, stores each event once across both workers, replaces a worker that dies, and stops cleanly', async () => {
    const service = await startService({
      DATA_DIR: testDirectory('workers'),
      WORKERS: '2',
      WEBHOOK_USERNAME: VENDOR.UserName,
      WEBHOOK_AUTHORIZATION: VENDOR.Authorization,
      API_TOKEN,
    });
    try {
      await waitUntilHealthy(service);
      const first = await until('two workers', () => (workerPids(service).length === 2 ? workerPids(service) : undefined));

      // Each event sent twice at once, on separate connections, so the two copies can reach different workers.
      const ids = Array.from({ length: 30 }, (_, index) => `workers-${index}`);
      const answers = await Promise.all(ids.flatMap((id) => [deliver(service, id), deliver(service, id)]));
      for (let index = 0; index < ids.length; index++) {
        expect([answers[2 * index].status, answers[2 * index + 1].status].sort()).toEqual(['duplicate', 'processed']);
      }
      const stored = await fetch(`${service.url}/events/${ids[0]}`, { headers: { Authorization: `Bearer ${API_TOKEN}` } });
      expect(stored.status).toBe(200);

      process.kill(first[0], 'SIGKILL');
      const replaced = await until('a replacement worker', () => {
        const now = workerPids(service);
        return now.length === 2 && !now.includes(first[0]) ? now : undefined;
      });
      expect(replaced).toContain(first[1]);
      const logged = `Worker ${first[0]} ended (SIGKILL); starting another`;
      await until('the replacement to be logged', () => (service.output().includes(logged) ? true : undefined));
      await waitUntilHealthy(service);
      expect((await deliver(service, 'after-replacement')).status).toBe('processed');
    } finally {
      service.child.kill('SIGTERM');
      expect(await service.exited).toBe(0);
    }
  });
});
