import type { FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import type { AuthFailureLimiter } from '../common/auth-failure-limiter';
import { WEBHOOK_PATH, WEBHOOK_UNAUTHORIZED, type WebhookCredentials } from './webhook-credentials';

/**
 * A Fastify onRequest hook: refuses a webhook request with wrong credentials before its body is
 * read or parsed, so a stranger costs a header check and nothing more.
 */
export function refuseUnauthenticatedWebhooks(credentials: WebhookCredentials, limiter: AuthFailureLimiter): onRequestHookHandler {
  return (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    if (request.routeOptions.url !== WEBHOOK_PATH || credentials.admit(request.raw)) {
      done();
      return;
    }
    void limiter.refusal(request.ip, 'webhook', WEBHOOK_UNAUTHORIZED).then((refusal) => {
      const body = refusal.getResponse() as { retryAfter?: number };
      if (body.retryAfter !== undefined) {
        void reply.header('Retry-After', String(body.retryAfter));
      }
      // The unread body is not worth keeping the connection for.
      void reply.header('Connection', 'close');
      void reply.code(refusal.getStatus()).send(body);
    });
  };
}
