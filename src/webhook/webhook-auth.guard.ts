import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AuthFailureLimiter } from '../common/auth-failure-limiter';
import { WEBHOOK_UNAUTHORIZED, WebhookCredentials } from './webhook-credentials';

/**
 * The webhook's authentication as a Nest guard. The early hook (webhook-early-auth.hook.ts)
 * has usually refused a stranger already, before the body was read; both ask WebhookCredentials.
 */
@Injectable()
export class WebhookAuthGuard implements CanActivate {
  constructor(
    private readonly credentials: WebhookCredentials,
    private readonly limiter: AuthFailureLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!this.credentials.admit(request.raw)) {
      throw await this.limiter.refusal(request.ip, 'webhook', WEBHOOK_UNAUTHORIZED);
    }
    return true;
  }
}
