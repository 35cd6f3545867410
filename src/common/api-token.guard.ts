import { type CanActivate, type ExecutionContext, Injectable, SetMetadata, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { Environment } from '../config/environment';
import { AuthFailureLimiter } from './auth-failure-limiter';
import { SecretMatcher } from './secret-match';

const IS_OPEN = 'api-token:open';

/** Exempts a route from the query API's bearer token: health, and the webhook with its own guard. */
export const OpenToPublic = () => SetMetadata(IS_OPEN, true);

/** Every query and replay endpoint needs `Authorization: Bearer <API_TOKEN>` (SPEC 4.9). */
@Injectable()
export class ApiTokenGuard implements CanActivate {
  private readonly token: SecretMatcher;

  constructor(
    environment: Environment,
    private readonly reflector: Reflector,
    private readonly limiter: AuthFailureLimiter,
  ) {
    this.token = new SecretMatcher(environment.API_TOKEN as string);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_OPEN, [context.getHandler(), context.getClass()])) {
      return true;
    }
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    this.limiter.assertNotBlocked(request.ip, 'api');
    const authorization = request.headers.authorization;
    const presented = typeof authorization === 'string' && authorization.startsWith('Bearer ') ? authorization.slice(7) : undefined;
    if (!this.token.matches(presented)) {
      await this.limiter.recordFailure(request.ip, 'api');
      throw new UnauthorizedException('A valid "Authorization: Bearer <API_TOKEN>" header is required');
    }
    return true;
  }
}
