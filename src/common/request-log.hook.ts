import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger as Pino } from 'pino';
import { redactSecretQuery } from './request-log.util';

/** An orchestrator's probe: `GET /health` exactly (a request with a query string is logged as any other). */
function isHealthProbe(url: string): boolean {
  return url === '/health';
}

/**
 * One line per answered request, `request completed`, with the request (id, method, URL with
 * secret-looking query values redacted, client address as TRUST_PROXY makes it), the status and
 * the time taken; never a header. Server errors at error, refusals at warn, healthy /health probes
 * at debug, the rest at info. A Fastify hook rather than a middleware: it runs for every answer,
 * including those the early hooks give, and costs one log call.
 */
export function logEachRequest(logger: Pino) {
  return (request: FastifyRequest, reply: FastifyReply, done: () => void): void => {
    const statusCode = reply.statusCode;
    const level = statusCode >= 500 ? 'error' : statusCode >= 400 ? 'warn' : isHealthProbe(request.url) ? 'debug' : 'info';
    if (logger.isLevelEnabled(level)) {
      logger[level](
        {
          req: { id: request.id, method: request.method, url: redactSecretQuery(request.url), clientAddress: request.ip },
          res: { statusCode },
          responseTime: Math.round(reply.elapsedTime),
        },
        'request completed',
      );
    }
    done();
  };
}
