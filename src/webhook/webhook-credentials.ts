import { Injectable } from '@nestjs/common';
import { SecretMatcher } from '../common/secret-match';
import { singleHeader } from '../common/single-header.util';
import { Environment } from '../config/environment';

export const WEBHOOK_PATH = '/webhooks/whatsapp';
export const WEBHOOK_UNAUTHORIZED = 'Missing, repeated or wrong UserName/Authorization headers';

/**
 * The one place that decides whether a webhook request comes from the vendor: its `UserName`
 * and `Authorization` headers, each sent exactly once, must match one configured pair. Every
 * pair is compared in constant time, so timing says nothing about which one nearly matched.
 */
@Injectable()
export class WebhookCredentials {
  private readonly pairs: { username: SecretMatcher; authorization: SecretMatcher }[];

  constructor(environment: Environment) {
    this.pairs = environment.webhookCredentials.map((pair) => ({
      username: new SecretMatcher(pair.username),
      authorization: new SecretMatcher(pair.authorization),
    }));
  }

  admit(rawHeaders: readonly string[]): boolean {
    const username = singleHeader(rawHeaders, 'username');
    const authorization = singleHeader(rawHeaders, 'authorization');
    let matched = false;
    for (const pair of this.pairs) {
      const usernameMatches = pair.username.matches(username);
      const authorizationMatches = pair.authorization.matches(authorization);
      matched = (usernameMatches && authorizationMatches) || matched;
    }
    return matched;
  }
}
