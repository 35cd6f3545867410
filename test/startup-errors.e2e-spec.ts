import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { freeLoopbackPort } from '../src/database/database-url';
import { startService } from './support/service-process';
import { testDirectory } from './support/test-directory';

interface LogLine {
  level: number;
  time: string;
  msg: string;
}

const FATAL = 60;

/** Runs the service until it exits; returns its exit code, its output as log lines, and how long it took. */
async function failedStart(env: Record<string, string>): Promise<{ code: number | null; lines: LogLine[]; raw: string; ms: number; dataDir: string }> {
  const dataDir = join(testDirectory('startup'), 'data');
  const started = Date.now();
  const service = await startService({ DATA_DIR: dataDir, LOG_LEVEL: 'info', ...env });
  const code = await service.exited;
  const raw = service.output();
  const lines = raw
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as LogLine);
  return { code, lines, raw, ms: Date.now() - started, dataDir };
}

describe('start-up errors: one JSON line with the fix, before anything is created or printed', () => {
  it('names host:port and DATABASE_URL when nothing listens there, within seconds', async () => {
    const port = await freeLoopbackPort();
    const { code, lines, raw, ms, dataDir } = await failedStart({ DATABASE_URL: `postgres://app:hunter2hunter2@127.0.0.1:${port}/webhooks` });
    expect(code).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0].level).toBe(FATAL);
    expect(lines[0].msg).toContain(`127.0.0.1:${port}`);
    expect(lines[0].msg).toContain('Check DATABASE_URL');
    expect(lines[0].time).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(raw).not.toContain('hunter2');
    expect(existsSync(dataDir)).toBe(false);
    expect(ms).toBeLessThan(8_000);
  });

  it('says the password was refused, at once and without retrying', async () => {
    const server = new URL(process.env.TEST_SERVER_URL as string);
    server.password = 'not-the-password';
    const { code, lines, ms } = await failedStart({ DATABASE_URL: server.toString() });
    expect(code).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0].msg).toContain(`refused the user "${server.username}"`);
    expect(lines[0].msg).toContain('Check DATABASE_URL');
    expect(lines[0].msg).not.toContain('not-the-password');
    expect(ms).toBeLessThan(8_000);
  });

  it('says to set PORT when the port is taken, before the data directory or any credential exists', async () => {
    const port = await freeLoopbackPort();
    const taken: Server = createServer();
    await new Promise<void>((listening) => taken.listen(port, '0.0.0.0', listening));
    try {
      const { code, lines, raw, dataDir } = await failedStart({ PORT: String(port) });
      expect(code).toBe(1);
      expect(lines).toHaveLength(1);
      expect(lines[0].msg).toContain(`Port ${port} is already in use`);
      expect(lines[0].msg).toContain('set PORT');
      expect(raw).not.toContain('Generated credentials');
      expect(existsSync(dataDir)).toBe(false);
    } finally {
      await new Promise((closed) => taken.close(closed));
    }
  });

  it('refuses LOG_LEVEL=bogus and a short API_TOKEN with one line each, never echoing the secret', async () => {
    const { code, lines, raw } = await failedStart({ LOG_LEVEL: 'bogus', API_TOKEN: 'short-token' });
    expect(code).toBe(1);
    expect(lines.map((line) => line.msg).sort()).toEqual([
      'Invalid configuration: API_TOKEN must be at least 16 characters long',
      'Invalid configuration: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "bogus")',
    ]);
    expect(raw).not.toContain('short-token');
  });
});
