import { type CanActivate, type ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { Environment } from '../config/environment';
import { AuthFailureLimiter } from './auth-failure-limiter';
import { SecretMatcher } from './secret-match';
import { singleHeader } from './single-header.util';

const IS_OPEN = 'api-token:open';
const BEARER = 'Bearer ';

/** Exempts a route from the query API's bearer token: health, and the webhook with its own guard. */
export const OpenToPublic = () => SetMetadata(IS_OPEN, true);

/**
 * Every query and replay endpoint needs `Authorization: Bearer <API_TOKEN>`, sent once.
 * These requests carry no body worth reading, so the guard is early enough.
 */
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
    const authorization = singleHeader(request.raw.rawHeaders, 'authorization');
    const presented = authorization?.startsWith(BEARER) ? authorization.slice(BEARER.length) : undefined;
    if (!this.token.matches(presented)) {
      throw await this.limiter.refusal(request.ip, 'api', 'A valid "Authorization: Bearer <API_TOKEN>" header, sent once, is required');
    }
    return true;
  }
}
