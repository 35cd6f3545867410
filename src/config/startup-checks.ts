import { createServer } from 'node:net';
import { Client } from 'pg';

/** A reason the service cannot start, worded as what to do about it. */
export class StartupError extends Error {}

/** How long an external PostgreSQL gets to answer at start-up before the start fails. */
export const DATABASE_CHECK_TIMEOUT_MS = 5_000;

/** Fails when something else already listens on `port` (checked before anything is created). */
export function checkPortIsFree(port: number, host = '0.0.0.0'): Promise<void> {
  if (port === 0) {
    return Promise.resolve();
  }
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      const hint =
        error.code === 'EADDRINUSE'
          ? `port ${port} is already in use by another program: stop it, or set PORT to a free port`
          : error.code === 'EACCES'
            ? `port ${port} needs privileges this user does not have: set PORT to 1024 or above`
            : `cannot listen on port ${port} (${error.code ?? error.message}): set PORT to another port`;
      reject(new StartupError(hint.charAt(0).toUpperCase() + hint.slice(1)));
    });
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

/** What to tell the operator about a failed connection to DATABASE_URL; never includes the password. */
export function describeDatabaseFailure(url: string, error: Error & { code?: string }): string {
  const parsed = new URL(url);
  const where = `${parsed.hostname}:${parsed.port || '5432'}`;
  const database = decodeURIComponent(parsed.pathname.slice(1)) || decodeURIComponent(parsed.username);
  switch (error.code ?? '') {
    case 'ECONNREFUSED':
      return `Cannot reach PostgreSQL at ${where}: connection refused. Check DATABASE_URL and that the server is running`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Cannot reach PostgreSQL at ${where}: the host name does not resolve. Check DATABASE_URL`;
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `Cannot reach PostgreSQL at ${where}: no answer (${error.code}). Check DATABASE_URL and the network between them`;
    case '28P01':
    case '28000':
      return `PostgreSQL at ${where} refused the user "${decodeURIComponent(parsed.username)}" (wrong password or not allowed to connect). Check DATABASE_URL`;
    case '3D000':
      return `PostgreSQL at ${where} has no database "${database}": create it, or check DATABASE_URL`;
    default:
      if (/timeout/i.test(error.message)) {
        return `Cannot reach PostgreSQL at ${where}: no answer within ${DATABASE_CHECK_TIMEOUT_MS / 1000} s. Check DATABASE_URL and the network between them`;
      }
      return `PostgreSQL at ${where} could not be used (${error.code ?? error.message}). Check DATABASE_URL`;
  }
}

/** One connection attempt, not retried: a start that cannot work fails in seconds with the reason. */
export async function checkDatabaseIsReachable(url: string): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: DATABASE_CHECK_TIMEOUT_MS });
  // A broken connection after the check must not crash the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new StartupError(describeDatabaseFailure(url, error as Error & { code?: string }));
  } finally {
    await client.end().catch(() => undefined);
  }
}
