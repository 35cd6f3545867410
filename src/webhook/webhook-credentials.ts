import { Injectable } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
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
  private readonly decided = new WeakMap<IncomingMessage, boolean>();

  constructor(environment: Environment) {
    this.pairs = environment.webhookCredentials.map((pair) => ({
      username: new SecretMatcher(pair.username),
      authorization: new SecretMatcher(pair.authorization),
    }));
  }

  /** Whether the request may in; the answer is kept, so the early hook and the guard compare once. */
  admit(request: IncomingMessage): boolean {
    let admitted = this.decided.get(request);
    if (admitted === undefined) {
      admitted = this.matches(request.rawHeaders);
      this.decided.set(request, admitted);
    }
    return admitted;
  }

  private matches(rawHeaders: readonly string[]): boolean {
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
