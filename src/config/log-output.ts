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

/**
 * JSON lines for machines (the default off a terminal, and always with LOG_FORMAT=json);
 * readable, coloured lines on a terminal or with LOG_FORMAT=pretty. Written synchronously so
 * that the line before an exit is never lost.
 */
export function logStream(format: LogFormat, destination?: NodeJS.WritableStream): DestinationStream | NodeJS.WritableStream {
  const pretty = format === 'pretty' || (format === 'auto' && destination === undefined && process.stdout.isTTY);
  if (!pretty) {
    return destination ?? pino.destination({ dest: 1, sync: true });
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
