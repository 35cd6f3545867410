import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startService, waitUntilHealthy, type ServiceProcess } from './support/service-process';
import { testDirectory } from './support/test-directory';

function postgresProcessesOn(dataDir: string): string[] {
  const listing = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  return listing.split('\n').filter((line) => line.includes('postgres') && line.includes(join(dataDir, 'postgres')));
}

/** Where `text` first shows in the service's output, waiting up to 2 s for it; -1 if it does not show. */
async function shownIn(service: ServiceProcess, text: string): Promise<number> {
  const shownBy = Date.now() + 2_000;
  while (!service.output().includes(text) && Date.now() < shownBy) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return service.output().indexOf(text);
}

describe('the service as a process (npm start) on its embedded database', () => {
  const dataDir = testDirectory('service');

  it('starts, keeps data across a Ctrl-C restart, refuses a second service on the same DATA_DIR, and leaves no postgres behind', async () => {
    const first = await startService({ DATA_DIR: dataDir, LOG_LEVEL: 'info' });
    await waitUntilHealthy(first);
    // Shown after the start-up lines (which are written in pieces) and just before the last one, so that none scrolls it away.
    const listening = await shownIn(first, '"msg":"Listening on port');
    const notice = first.output().indexOf('Generated credentials');
    expect(first.output().indexOf('"msg":"Embedded PostgreSQL is listening')).toBeLessThan(notice);
    expect(notice).toBeGreaterThan(-1);
    expect(notice).toBeLessThan(listening);

    const secretsFile = join(dataDir, 'secrets.json');
    expect(statSync(secretsFile).mode & 0o777).toBe(0o600);
    const secrets = JSON.parse(readFileSync(secretsFile, 'utf8')) as { webhookUsername: string; webhookAuthorization: string; apiToken: string };
    expect(first.output()).toContain(secrets.apiToken);

    const eventId = 'kept-across-restarts';
    const delivery = await fetch(`${first.url}/webhooks/whatsapp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', UserName: secrets.webhookUsername, Authorization: secrets.webhookAuthorization },
      body: JSON.stringify({
        id: eventId,
        type: 'whatsapp_template_status_updated',
        eventTime: '2023-10-16 13:04:57',
        body: { templateId: 't-1', templateStatus: 'APPROVED' },
      }),
    });
    expect(await delivery.json()).toEqual({ status: 'processed', eventId });

    const second = await startService({ DATA_DIR: dataDir });
    expect(await second.exited).not.toBe(0);
    expect(second.output()).toContain(`is in use by another running service (pid ${first.child.pid})`);
    expect((await fetch(`${first.url}/health`)).status).toBe(200);

    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
    expect(postgresProcessesOn(dataDir)).toEqual([]);

    const again = await startService({ DATA_DIR: dataDir, LOG_LEVEL: 'info' });
    try {
      await waitUntilHealthy(again);
      expect(again.output()).not.toContain('Generated credentials');
      const stored = await fetch(`${again.url}/events/${eventId}`, { headers: { Authorization: `Bearer ${secrets.apiToken}` } });
      expect(stored.status).toBe(200);
      expect(((await stored.json()) as { state: string }).state).toBe('processed');
      // Log lines are written in pieces, yet on a quiet service each one shows within a moment.
      expect(await shownIn(again, `"url":"/events/${eventId}"`)).toBeGreaterThan(-1);
    } finally {
      again.child.kill('SIGTERM');
      expect(await again.exited).toBe(0);
    }
    expect(postgresProcessesOn(dataDir)).toEqual([]);
  });

  it('starts again after a kill -9, taking over the PostgreSQL the dead service left running', async () => {
    const crashDir = testDirectory('crash');
    const first = await startService({ DATA_DIR: crashDir });
    await waitUntilHealthy(first);
    first.child.kill('SIGKILL');
    await first.exited;
    expect(postgresProcessesOn(crashDir).length).toBeGreaterThan(0);

    const second = await startService({ DATA_DIR: crashDir });
    try {
      await waitUntilHealthy(second);
      expect(second.output()).toContain('left running by a previous service');
    } finally {
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    }
    expect(postgresProcessesOn(crashDir)).toEqual([]);
  });

  it('refuses to start on a bad configuration, one line per variable, without echoing secrets', async () => {
    const service = await startService({
      DATA_DIR: dataDir,
      DATABASE_URL: 'mysql://root:hunter2@db/x',
      WEBHOOK_CREDENTIALS: '{"username":"a"}',
      EVENT_TIME_ZONE: 'Nowhere/City',
    });
    expect(await service.exited).toBe(1);
    const lines = service
      .output()
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(lines.every((line) => line.startsWith('Invalid configuration: '))).toBe(true);
    expect(lines.map((line) => line.split(' ')[2]).sort()).toEqual(['DATABASE_URL', 'EVENT_TIME_ZONE', 'WEBHOOK_CREDENTIALS']);
    expect(service.output()).not.toContain('hunter2');
  });

  it('says which variable is wrong when PORT is not a port', async () => {
    const service = await startService({ DATA_DIR: dataDir, PORT: 'abc' });
    expect(await service.exited).toBe(1);
    expect((JSON.parse(service.output()) as { msg: string }).msg).toBe('Invalid configuration: PORT must be a port number from 0 to 65535 (got "abc")');
  });
});
