import type { FastifyReply, FastifyRequest } from 'fastify';
import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Helmet's protective headers, with its default Content-Security-Policy (scripts, styles and
 * connections from the service's own origin, inline styles for Swagger UI at /docs) without
 * forcing HTTPS on a service that may be reached over plain HTTP inside a network.
 */
const HELMET_OPTIONS = { contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } } as const;

/**
 * The headers helmet sets, worked out once: they are the same for every answer, and running
 * helmet's middleware on each request cost about as much as storing the event.
 */
export function securityHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: unknown) => (headers[name] = String(value)),
    removeHeader: (name: string) => delete headers[name],
  };
  helmet(HELMET_OPTIONS)({} as IncomingMessage, response as unknown as ServerResponse, () => undefined);
  return headers;
}

/** A Fastify onRequest hook that puts the security headers on every answer, errors included. */
export function sendSecurityHeaders() {
  const headers = securityHeaders();
  return (_request: FastifyRequest, reply: FastifyReply, done: () => void): void => {
    void reply.headers(headers);
    done();
  };
}
