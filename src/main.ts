import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import pino from 'pino';
import { createApp } from './app.setup';
import { InvalidEnvironmentError, loadEnvironment, type Environment } from './config/environment';
import { fillMissingSecrets } from './config/generated-secrets';
import { EmbeddedDatabase } from './database/embedded-database';

const SHUTDOWN_DEADLINE_MS = 25_000;

function readEnvironment(): Environment {
  try {
    return loadEnvironment(process.env);
  } catch (error) {
    if (error instanceof InvalidEnvironmentError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

async function bootstrap(): Promise<void> {
  const environment = readEnvironment();
  // JSON lines from the first one: the database starts before the application's logger exists.
  const bootLogger = pino({ level: process.env.LOG_LEVEL ?? 'info', base: { context: 'Bootstrap' } });
  const bootLog = { log: (message: string) => bootLogger.info(message), warn: (message: string) => bootLogger.warn(message) };
  const logger = new Logger('Bootstrap');
  fillMissingSecrets(environment, (text) => process.stdout.write(`${text}\n`));
  const embedded = environment.DATABASE_URL ? undefined : await EmbeddedDatabase.start(environment.DATA_DIR, bootLog);
  const databaseUrl = environment.DATABASE_URL ?? (embedded as EmbeddedDatabase).url;

  const app = await createApp({ environment, databaseUrl, databaseKind: embedded ? 'embedded' : 'external' }).catch(async (error: unknown) => {
    await embedded?.stop();
    throw error;
  });
  await app.listen(environment.PORT, '0.0.0.0');
  logger.log(`Listening on port ${environment.PORT}`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) {
      return;
    }
    stopping = true;
    logger.log(`${signal} received: finishing in-flight requests`);
    const deadline = setTimeout(() => {
      process.stderr.write('Shutdown took too long; exiting\n');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS);
    await app.close();
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
