import 'reflect-metadata';
import cluster from 'node:cluster';
import pino from 'pino';
import { migrateOnce, WORKER_DATABASE_KIND, WorkerCluster, workerDatabaseKind } from './cluster/worker-cluster';
import { InvalidEnvironmentError, loadEnvironment, type Environment } from './config/environment';
import { fillMissingSecrets } from './config/generated-secrets';
import { flushLogOutput, logOptions, logStream } from './config/log-output';
import { checkDatabaseIsReachable, checkPortIsFree, StartupError } from './config/startup-checks';
import { EmbeddedDatabase } from './database/embedded-database';

const SHUTDOWN_DEADLINE_MS = 25_000;

type BootLogger = pino.Logger;

/** A start that cannot work ends with one line that says what to do, and exit code 1. */
function exitWith(logger: BootLogger, message: string): never {
  logger.fatal(message);
  process.exit(1);
}

function readEnvironment(): { environment: Environment; logger: BootLogger } {
  try {
    const environment = loadEnvironment(process.env);
    const logger = pino(logOptions(environment.LOG_LEVEL), logStream(environment.LOG_FORMAT)).child({ context: 'Bootstrap' });
    return { environment, logger };
  } catch (error) {
    if (error instanceof InvalidEnvironmentError) {
      // The log settings themselves may be what is wrong: say it with the defaults.
      const logger = pino(logOptions('info'), logStream('auto')).child({ context: 'Bootstrap' });
      for (const problem of error.problems) {
        logger.fatal(`Invalid configuration: ${problem}`);
      }
      process.exit(1);
    }
    throw error;
  }
}

async function bootstrap(): Promise<void> {
  const { environment, logger } = readEnvironment();
  // Checked before anything is created or printed: a start that cannot work fails in seconds.
  try {
    // A worker shares the port its primary checked.
    if (cluster.isPrimary) {
      await checkPortIsFree(environment.PORT);
    }
    if (environment.DATABASE_URL) {
      await checkDatabaseIsReachable(environment.DATABASE_URL);
    }
  } catch (error) {
    if (error instanceof StartupError) {
      exitWith(logger, error.message);
    }
    throw error;
  }

  const databaseLog = {
    log: (message: string) => logger.info(message),
    warn: (message: string) => logger.warn(message),
    error: (message: string) => logger.error(message),
  };
  const embedded = environment.DATABASE_URL
    ? undefined
    : await EmbeddedDatabase.start(environment.DATA_DIR, databaseLog, {
        onUnrecoverable: (reason) => exitWith(logger, `${reason}; exiting so that a supervisor can restart the service`),
      }).catch((error: unknown) => exitWith(logger, error instanceof Error ? error.message : String(error)));
  const databaseUrl = environment.DATABASE_URL ?? (embedded as EmbeddedDatabase).url;
  const credentials = fillMissingSecrets(environment);

  // Newly generated credentials are shown once, last, so that start-up lines do not scroll them
  // away; also when the start fails after they were generated, since later starts will not show them.
  const showGeneratedCredentials = () => {
    if (credentials.generatedNotice) {
      flushLogOutput();
      process.stdout.write(`\n${credentials.generatedNotice}\n\n`);
    }
  };
  const failStart = async (message: string, app?: { close(): Promise<void> }): Promise<never> => {
    await app?.close().catch(() => undefined);
    await embedded?.stop();
    showGeneratedCredentials();
    exitWith(logger, message);
  };

  if (cluster.isPrimary && environment.WORKERS > 1) {
    const workers = await migrateOnce(databaseUrl)
      .then(() => new WorkerCluster(environment.WORKERS, { DATABASE_URL: databaseUrl, [WORKER_DATABASE_KIND]: embedded ? 'embedded' : 'external' }, logger))
      .then((started) => started.started.then(() => started))
      .catch((error: unknown) => failStart(`Start-up failed: ${error instanceof Error ? error.message : String(error)}`));
    showGeneratedCredentials();
    logger.info(`${environment.WORKERS} workers listening on port ${environment.PORT}`);
    stopOnSignals(logger, () => workers.stop(), embedded);
    return;
  }

  // Loaded only now: a start that fails its checks says so before the framework is even loaded
  // (and a primary of workers never loads it).
  const { createApp } = await import('./app.setup.js');
  const databaseKind = embedded ? 'embedded' : workerDatabaseKind(process.env);
  const app = await createApp({ environment, databaseUrl, databaseKind }).catch((error: unknown) =>
    failStart(`Start-up failed: ${error instanceof Error ? error.message : String(error)}`),
  );
  await app
    .listen(environment.PORT, '0.0.0.0')
    .catch((error: NodeJS.ErrnoException) =>
      failStart(`Cannot listen on port ${environment.PORT} (${error.code ?? error.message}): set PORT to a free port`, app),
    );
  showGeneratedCredentials();
  const base = `http://localhost:${environment.PORT}`;
  logger.info(
    {
      callbackUrl: `POST or PUT ${base}/webhooks/whatsapp`,
      apiDocs: `${base}/docs`,
      webhookCredentialsFrom: credentials.webhook,
      apiTokenFrom: credentials.apiToken,
      database: embedded ? `embedded, data in ${environment.DATA_DIR}` : 'DATABASE_URL',
    },
    `Listening on port ${environment.PORT}`,
  );

  stopOnSignals(logger, () => app.close(), embedded);
}

/**
 * SIGINT/SIGTERM: `close` finishes the in-flight requests (the app's, or every worker's), then the
 * embedded database stops and the process exits 0.
 */
function stopOnSignals(logger: BootLogger, close: () => Promise<void>, embedded: EmbeddedDatabase | undefined): void {
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) {
      return;
    }
    stopping = true;
    // A Ctrl-C in a terminal reaches the embedded server as well: its exit is expected now.
    embedded?.stopSupervising();
    logger.info(`${signal} received: finishing in-flight requests`);
    const deadline = setTimeout(() => {
      embedded?.releaseFiles();
      exitWith(logger, 'Shutdown took too long; exiting');
    }, SHUTDOWN_DEADLINE_MS);
    try {
      await close();
    } catch (error) {
      await embedded?.stop();
      exitWith(logger, `Shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    await embedded?.stop();
    clearTimeout(deadline);
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => void shutdown(signal));
  }
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
