import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { postmasterPidIn } from '../src/database/embedded-database';
import { sleep } from './support/load';
import { startService, waitUntilHealthy, type ServiceProcess } from './support/service-process';
import { testDirectory } from './support/test-directory';

const ERROR = 50;

function postmasterPid(dataDir: string): number {
  return postmasterPidIn(join(dataDir, 'postgres')) as number;
}

function logLines(service: ServiceProcess): { level: number; msg: string }[] {
  return service
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { level: number; msg: string });
}

async function healthStatus(service: ServiceProcess): Promise<number> {
  return (await fetch(`${service.url}/health`)).status;
}

describe('the embedded PostgreSQL under supervision', () => {
  const dataDir = testDirectory('supervised');
  const pidFiles = () => [join(dataDir, 'service.pid'), join(dataDir, 'postgres', 'postmaster.pid')].filter((file) => existsSync(file));

  it('restarts a killed postmaster, logs it at error level, and answers again without a restart of the service', async () => {
    const service = await startService({ DATA_DIR: dataDir });
    try {
      await waitUntilHealthy(service);
      const killed = postmasterPid(dataDir);
      process.kill(killed, 'SIGKILL');

      const deadline = Date.now() + 20_000;
      await sleep(500);
      while (Date.now() < deadline && (await healthStatus(service).catch(() => 0)) !== 200) {
        await sleep(200);
      }
      expect(await healthStatus(service)).toBe(200);
      expect(postmasterPid(dataDir)).not.toBe(killed);
      expect(service.child.exitCode).toBeNull();
      expect(logLines(service)).toContainEqual(expect.objectContaining({ level: ERROR, msg: expect.stringContaining('exited unexpectedly') }));
    } finally {
      service.child.kill('SIGINT');
    }
    expect(await service.exited).toBe(0);
    expect(pidFiles()).toEqual([]);
  });

  it('stops at once on Ctrl-C right after the postmaster died, leaving no pid file', async () => {
    const service = await startService({ DATA_DIR: dataDir });
    await waitUntilHealthy(service);
    process.kill(postmasterPid(dataDir), 'SIGKILL');
    service.child.kill('SIGINT');
    const started = Date.now();
    expect(await service.exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(pidFiles()).toEqual([]);
  });

  it('exits non-zero, saying why, when the server cannot be restarted', async () => {
    const service = await startService({ DATA_DIR: dataDir });
    await waitUntilHealthy(service);
    const killed = postmasterPid(dataDir);
    // The data directory is gone: no restart can work.
    renameSync(join(dataDir, 'postgres'), join(dataDir, 'postgres-moved'));
    process.kill(killed, 'SIGKILL');
    expect(await service.exited).toBe(1);
    expect(logLines(service).at(-1)?.msg).toContain('could not be restarted');
    expect(existsSync(join(dataDir, 'service.pid'))).toBe(false);
  });
});
