import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Environment } from './environment';

interface StoredSecrets {
  webhookUsername?: string;
  webhookAuthorization?: string;
  apiToken?: string;
}

const SECRETS_FILE = 'secrets.json';

/** Where each credential the service uses comes from, for the start-up banner (never the values). */
export interface CredentialSources {
  webhook: string;
  apiToken: string;
  /** Text that shows newly generated values, to print once on the terminal; undefined when none was. */
  generatedNotice?: string;
}

/**
 * A fresh `npm start` must be usable and never open: whatever credential is not configured is
 * generated once, kept in DATA_DIR (mode 0600) and reused by later starts. Newly generated values
 * come back as a notice for the terminal, never through the logger. A configured variable always
 * wins over the file.
 */
export function fillMissingSecrets(environment: Environment): CredentialSources {
  const needsWebhookPair = environment.webhookCredentials.length === 0;
  const needsApiToken = environment.API_TOKEN === undefined;
  const dataDir = resolve(environment.DATA_DIR);
  const file = join(dataDir, SECRETS_FILE);
  const sources = {
    webhook: needsWebhookPair ? file : 'the environment (WEBHOOK_USERNAME, WEBHOOK_AUTHORIZATION, WEBHOOK_CREDENTIALS)',
    apiToken: needsApiToken ? file : 'the environment (API_TOKEN)',
  };
  if (!needsWebhookPair && !needsApiToken) {
    return sources;
  }
  const stored: StoredSecrets = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as StoredSecrets) : {};
  const generated: string[] = [];
  const generate = (key: keyof StoredSecrets, variable: string, value: string) => {
    if (stored[key] === undefined) {
      stored[key] = value;
      generated.push(`  ${variable}=${value}`);
    }
    return stored[key] as string;
  };
  if (needsWebhookPair) {
    environment.WEBHOOK_USERNAME = generate('webhookUsername', 'WEBHOOK_USERNAME', `vendor-${randomBytes(4).toString('hex')}`);
    environment.WEBHOOK_AUTHORIZATION = generate('webhookAuthorization', 'WEBHOOK_AUTHORIZATION', randomBytes(24).toString('base64url'));
  }
  if (needsApiToken) {
    environment.API_TOKEN = generate('apiToken', 'API_TOKEN', randomBytes(24).toString('base64url'));
  }
  if (generated.length === 0) {
    return sources;
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  const generatedNotice = [
    `Generated credentials (kept in ${file}; shown only this once):`,
    ...generated,
    'Enter WEBHOOK_USERNAME as UserName and WEBHOOK_AUTHORIZATION as Authorization in the vendor console;',
    'send API_TOKEN as "Authorization: Bearer <API_TOKEN>" to the query API (`npm run --silent token` prints the active one).',
  ].join('\n');
  return { ...sources, generatedNotice };
}
