import pino, { type DestinationStream, type LoggerOptions } from 'pino';
import { build as prettyStream, type PinoPretty } from 'pino-pretty';
import type { LogFormat, LogLevel } from './environment';

/** Level and ISO-8601 times, shared by the boot logger and the application's. */
export function logOptions(level: LogLevel): LoggerOptions {
  return { level, timestamp: pino.stdTimeFunctions.isoTime };
}

/** A request line reads `request completed GET /messages 200 3 ms` on a terminal. */
const readableLine: PinoPretty.MessageFormatFunc = (log, messageKey) => {
  const context = typeof log.context === 'string' ? `[${log.context}] ` : '';
  const request = log.req as { method?: string; url?: string } | undefined;
  const response = log.res as { statusCode?: number } | undefined;
  const exchange = request ? ` ${request.method} ${request.url}${response ? ` ${response.statusCode}` : ''}` : '';
  const took = typeof log.responseTime === 'number' ? ` ${log.responseTime} ms` : '';
  return `${context}${String(log[messageKey])}${exchange}${took}`;
};

/** Log lines are written to standard output in pieces of about this size... */
const WRITE_BYTES = 4096;
/** ...and at least this often, so a line never waits longer to be seen. */
const FLUSH_MS = 200;

let bufferedStdout: ReturnType<typeof pino.destination> | undefined;

/**
 * Standard output, one stream per process (so lines keep their order whoever writes them), written
 * synchronously in pieces of WRITE_BYTES or every FLUSH_MS, and to the end when the process exits,
 * however it exits short of a kill -9. One write per line was a system call per request, and for a
 * pipe to a log collector a wake-up of the collector too.
 */
function stdout(): ReturnType<typeof pino.destination> {
  if (!bufferedStdout) {
    const stream = pino.destination({ dest: 1, sync: true, minLength: WRITE_BYTES, periodicFlush: FLUSH_MS });
    process.once('exit', () => stream.flushSync());
    bufferedStdout = stream;
  }
  return bufferedStdout;
}

/** Writes out the log lines still buffered, before something else is written to standard output. */
export function flushLogOutput(): void {
  bufferedStdout?.flushSync();
}

/**
 * JSON lines for machines (the default off a terminal, and always with LOG_FORMAT=json);
 * readable, coloured lines on a terminal or with LOG_FORMAT=pretty, written at once.
 */
export function logStream(format: LogFormat, destination?: NodeJS.WritableStream): DestinationStream | NodeJS.WritableStream {
  const pretty = format === 'pretty' || (format === 'auto' && destination === undefined && process.stdout.isTTY);
  if (!pretty) {
    return destination ?? stdout();
  }
  return prettyStream({
    destination: destination ?? 1,
    sync: true,
    colorize: destination === undefined && process.stdout.isTTY,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,context,req,res,responseTime',
    messageFormat: readableLine,
  });
}
