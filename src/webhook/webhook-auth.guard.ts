import { type CanActivate, type ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AuthFailureLimiter } from '../common/auth-failure-limiter';
import { SecretMatcher } from '../common/secret-match';
import { Environment } from '../config/environment';

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * The vendor sends the `UserName` and `Authorization` values the company entered in its console.
 * Both must match one configured pair; every pair is checked so timing says nothing about which.
 */
@Injectable()
export class WebhookAuthGuard implements CanActivate {
  private readonly pairs: { username: SecretMatcher; authorization: SecretMatcher }[];

  constructor(
    environment: Environment,
    private readonly limiter: AuthFailureLimiter,
  ) {
    this.pairs = environment.webhookCredentials.map((pair) => ({
      username: new SecretMatcher(pair.username),
      authorization: new SecretMatcher(pair.authorization),
    }));
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    this.limiter.assertNotBlocked(request.ip, 'webhook');
    const username = header(request, 'username');
    const authorization = header(request, 'authorization');
    let matched = false;
    for (const pair of this.pairs) {
      const usernameMatches = pair.username.matches(username);
      const authorizationMatches = pair.authorization.matches(authorization);
      matched = (usernameMatches && authorizationMatches) || matched;
    }
    if (!matched) {
      await this.limiter.recordFailure(request.ip, 'webhook');
      throw new UnauthorizedException('Missing or wrong UserName/Authorization headers');
    }
    return true;
  }
}
