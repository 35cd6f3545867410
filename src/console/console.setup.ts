import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const CONSOLE_PATH = '/console/';

/** The project root: the nearest folder above `from` with a package.json (from src/ in tests, dist/src/ in production). */
export function projectRoot(from: string): string {
  for (let folder = from; ; folder = dirname(folder)) {
    if (existsSync(join(folder, 'package.json'))) {
      return folder;
    }
    if (dirname(folder) === folder) {
      throw new Error(`No package.json above ${from}`);
    }
  }
}

/**
 * Serves the operations console (the Vite build of console/, made by `npm run build`) at /console/
 * and sends GET / there. The files are public: the page asks for the API token, and every
 * figure it shows comes from the guarded REST API.
 */
export function serveConsole(app: NestFastifyApplication, built = join(projectRoot(__dirname), 'console', 'dist')): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.get('/', (_request, reply) => reply.redirect(CONSOLE_PATH));
  if (!existsSync(join(built, 'index.html'))) {
    new Logger('Console').warn(`The console is not built (no ${built}/index.html): npm run build makes it`);
    fastify.get(CONSOLE_PATH, (_request, reply) => reply.code(503).send({ statusCode: 503, message: 'The console is not built; run npm run build' }));
    return;
  }
  app.useStaticAssets({ root: built, prefix: CONSOLE_PATH, redirect: true, wildcard: false });
}
