import type { LoggerService } from '@nestjs/common';
import type { Logger as Pino } from 'pino';

type Level = 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal';

/** NestJS announces every module and route at start-up: useful when debugging, noise otherwise. */
const FRAMEWORK_START_UP = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

/** NestJS names a log line's origin (its context) in the last argument, as a string. */
function split(rest: unknown[]): { context?: string; details: unknown[] } {
  const last = rest.at(-1);
  return typeof last === 'string' ? { context: last, details: rest.slice(0, -1) } : { details: rest };
}

/**
 * The framework's and the modules' `Logger` calls, written as JSON lines by the same pino logger
 * as the request lines: `{ context, msg }`, with the stack of an error as `stack`. NestJS's own
 * start-up announcements are written at debug.
 */
export class AppLogger implements LoggerService {
  constructor(private readonly pino: Pino) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write(FRAMEWORK_START_UP.has(String(rest.at(-1))) ? 'debug' : 'info', message, rest);
  }

  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  private write(level: Level, message: unknown, rest: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) {
      return;
    }
    const { context, details } = split(rest);
    const [stack] = details;
    const fields = { context, ...(typeof stack === 'string' && (level === 'error' || level === 'fatal') ? { stack } : {}) };
    if (message instanceof Error) {
      this.pino[level]({ ...fields, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.pino[level]({ ...fields, ...message });
    } else {
      this.pino[level](fields, String(message));
    }
  }
}
