import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { AuthFailureLimiter } from '../common/auth-failure-limiter';
import { WEBHOOK_PATH, WEBHOOK_UNAUTHORIZED, type WebhookCredentials } from './webhook-credentials';

/**
 * A Fastify onRequest hook: refuses a webhook request with wrong credentials before its body is
 * read or parsed, so a stranger costs a header check and nothing more.
 */
export function refuseUnauthenticatedWebhooks(credentials: WebhookCredentials, limiter: AuthFailureLimiter): onRequestAsyncHookHandler {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.routeOptions.url !== WEBHOOK_PATH || credentials.admit(request.raw.rawHeaders)) {
      return;
    }
    const refusal = await limiter.refusal(request.ip, 'webhook', WEBHOOK_UNAUTHORIZED);
    const body = refusal.getResponse() as { retryAfter?: number };
    if (body.retryAfter !== undefined) {
      void reply.header('Retry-After', String(body.retryAfter));
    }
    // The unread body is not worth keeping the connection for.
    void reply.header('Connection', 'close');
    return reply.code(refusal.getStatus()).send(body);
  };
}
