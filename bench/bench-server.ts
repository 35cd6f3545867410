import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { withDatabase } from '../src/database/database-url';
import { EmbeddedDatabase } from '../src/database/embedded-database';

type Logger = Parameters<typeof EmbeddedDatabase.start>[1];

/** Only the embedded server's warnings and errors: a bench prints its own progress. */
const WARNINGS_ONLY: Logger = { log: () => undefined, warn: (message) => console.warn(message), error: (message) => console.error(message) };

/**
 * The PostgreSQL server a bench runs on: the one of DATABASE_URL, or an embedded one (fsync on) in
 * a temporary directory. The bench makes its databases here; `stop` drops them, stops the embedded
 * server and removes its directory, once, whether the bench ended or was interrupted.
 */
export class BenchServer {
  private readonly databases: string[] = [];
  private stopping?: Promise<void>;

  private constructor(
    /** The server's URL (its default database). */
    readonly url: string,
    /** A connection to the `postgres` database, for statements about the server. */
    readonly admin: Client,
    /** The embedded server's directory; none on DATABASE_URL. */
    readonly dataDir: string | undefined,
    private readonly embedded: EmbeddedDatabase | undefined,
  ) {}

  /** `name` goes into the temporary directory's name. */
  static async start(name: string, logger: Logger = WARNINGS_ONLY): Promise<BenchServer> {
    const dataDir = process.env.DATABASE_URL ? undefined : mkdtempSync(join(tmpdir(), `webhook-${name}-`));
    const embedded = dataDir ? await EmbeddedDatabase.start(dataDir, logger) : undefined;
    const url = process.env.DATABASE_URL ?? (embedded as EmbeddedDatabase).url;
    const admin = new Client({ connectionString: withDatabase(url, 'postgres') });
    await admin.connect();
    return new BenchServer(url, admin, dataDir, embedded);
  }

  /** The embedded server's main process, whose CPU time (with its backends') can be read; none on DATABASE_URL. */
  get postmasterPid(): number | undefined {
    return this.embedded?.postmasterPid;
  }

  /** Creates a database, dropped again by `stop`, and answers its URL. */
  async createDatabase(name: string): Promise<string> {
    await this.admin.query(`CREATE DATABASE ${name}`);
    this.databases.push(name);
    return this.databaseUrl(name);
  }

  databaseUrl(name: string): string {
    return withDatabase(this.url, name);
  }

  stop(): Promise<void> {
    this.stopping ??= (async () => {
      await this.admin.end().catch(() => undefined);
      // A connection of its own: the admin one may have been cut short by an interruption.
      const dropper = new Client({ connectionString: this.databaseUrl('postgres') });
      await dropper.connect();
      for (const database of this.databases) {
        await dropper.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      }
      await dropper.end();
      await this.embedded?.stop();
      if (this.dataDir) {
        rmSync(this.dataDir, { recursive: true, force: true });
      }
    })();
    return this.stopping;
  }
}
