import { join } from 'node:path';
import { plainToInstance, Type } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  Min,
  MinLength,
  ValidateIf,
  validateSync,
  type ValidationError,
  registerDecorator,
} from 'class-validator';
import { isValidTimeZone } from '../common/event-time.util';
import { parseByteSize } from './byte-size.util';
import { parseTrustProxy, type TrustProxy } from './trust-proxy.util';
import { DAY_MS, parseDuration, parseRetention } from './duration.util';
import { parseJsonVariable, parsePasswordMap } from './json-variable.util';

export interface WebhookCredential {
  username: string;
  authorization: string;
}

/** A property decorator from a plain check and the complaint to make when it fails. */
function Satisfies(name: string, check: (value: unknown) => boolean, message: string) {
  return (target: object, propertyName: string) =>
    registerDecorator({ name, target: target.constructor, propertyName, validator: { validate: check, defaultMessage: () => message } });
}

const IsPort = () =>
  Satisfies('isPort', (value) => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 65535, 'must be a port number from 0 to 65535');

const IsTimeZone = () =>
  Satisfies('isTimeZone', (value) => typeof value === 'string' && isValidTimeZone(value), 'must be an IANA time zone such as UTC or Asia/Shanghai');

const IsByteSize = () =>
  Satisfies('isByteSize', (value) => typeof value === 'string' && parseByteSize(value) !== undefined, 'must be a size such as 1mb, 512kb or a number of bytes');

const IsTrustProxy = () =>
  Satisfies(
    'isTrustProxy',
    (value) => typeof value === 'string' && parseTrustProxy(value) !== undefined,
    'must be false, a number of proxy hops, or a comma-separated list of proxy addresses and CIDR ranges',
  );
const IsDuration = () =>
  Satisfies('isDuration', (value) => typeof value === 'string' && parseDuration(value) !== undefined, 'must be a duration such as 90s, 15m, 24h or 30d');

const IsPasswordMap = () =>
  Satisfies('isPasswordMap', (value) => parsePasswordMap(value) !== undefined, 'must be a JSON object of "accountName": "API password" strings');

const IsHostList = () => Satisfies('isHostList', (value) => parseHostList(value) !== undefined, 'must be a comma-separated list of host or host:port');

/** `a.example.com, b.example.com:8443`: lower-cased `host` or `host:port` entries. */
export function parseHostList(value: unknown): string[] | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  const hosts = value
    .split(',')
    .map((host) => host.trim().toLowerCase())
    .filter(Boolean);
  return hosts.length > 0 && hosts.every((host) => /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/.test(host)) ? hosts : undefined;
}
/** The shortest webhook authorization or API token accepted: shorter ones are guessable. */
export const MIN_SECRET_LENGTH = 16;

const IsLongEnoughSecret = () => MinLength(MIN_SECRET_LENGTH, { message: `must be at least ${MIN_SECRET_LENGTH} characters long` });

const IsDurationOf = (shortest: number, longest: number, message: string) =>
  Satisfies(
    'isDuration',
    (value) => {
      const ms = typeof value === 'string' ? parseDuration(value) : undefined;
      return ms !== undefined && ms >= shortest && ms <= longest;
    },
    message,
  );

const IsRetention = () =>
  Satisfies(
    'isRetention',
    (value) => {
      const retention = typeof value === 'string' ? parseRetention(value) : undefined;
      return retention === 'forever' || (retention !== undefined && retention >= DAY_MS);
    },
    'must be forever or a duration of at least 1d, such as 90d or 52w',
  );

const IsDurationList = () =>
  Satisfies(
    'isDurationList',
    (value) => typeof value === 'string' && value.split(',').every((part) => parseDuration(part) !== undefined),
    'must be a comma-separated list of durations such as 5s,5m,30m',
  );

const IsPositiveInteger = () =>
  Satisfies('isPositiveInteger', (value) => Number.isInteger(value) && (value as number) >= 1, 'must be a whole number of at least 1');

const IsCredentialList = () =>
  Satisfies(
    'isCredentialList',
    (value) => parseCredentialList(value)?.every(({ authorization }) => authorization.length >= MIN_SECRET_LENGTH) ?? false,
    `must be a JSON array of {"username":"...","authorization":"..."} pairs, each authorization at least ${MIN_SECRET_LENGTH} characters long`,
  );

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
/** `auto`: readable lines on a terminal, JSON lines otherwise. */
export const LOG_FORMATS = ['auto', 'json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export function parseCredentialList(value: unknown): WebhookCredential[] | undefined {
  const parsed = parseJsonVariable(value);
  if (!Array.isArray(parsed) || parsed.length === 0) {
    return undefined;
  }
  const isPair = (item: unknown): item is WebhookCredential =>
    typeof item === 'object' &&
    item !== null &&
    typeof (item as WebhookCredential).username === 'string' &&
    typeof (item as WebhookCredential).authorization === 'string' &&
    (item as WebhookCredential).username.length > 0 &&
    (item as WebhookCredential).authorization.length > 0;
  return parsed.every(isPair) ? parsed.map(({ username, authorization }) => ({ username, authorization })) : undefined;
}

/** Every environment variable the service reads, validated once at boot (docs/configuration.md lists them). */
export class Environment {
  @Type(() => Number)
  @IsPort()
  PORT = 3000;

  @IsOptional()
  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true }, { message: 'must be a postgres:// URL' })
  DATABASE_URL?: string;

  @IsString()
  @IsNotEmpty()
  DATA_DIR = './.data';

  @ValidateIf((env: Environment) => env.WEBHOOK_AUTHORIZATION !== undefined || env.WEBHOOK_USERNAME !== undefined)
  @IsDefined({ message: 'must be set together with WEBHOOK_AUTHORIZATION' })
  @IsString()
  WEBHOOK_USERNAME?: string;

  @ValidateIf((env: Environment) => env.WEBHOOK_AUTHORIZATION !== undefined || env.WEBHOOK_USERNAME !== undefined)
  @IsDefined({ message: 'must be set together with WEBHOOK_USERNAME' })
  @IsString()
  @IsLongEnoughSecret()
  WEBHOOK_AUTHORIZATION?: string;

  @IsOptional()
  @IsCredentialList()
  WEBHOOK_CREDENTIALS?: string;

  @IsOptional()
  @IsString()
  @IsLongEnoughSecret()
  API_TOKEN?: string;

  @IsTimeZone()
  EVENT_TIME_ZONE = 'UTC';

  @IsByteSize()
  WEBHOOK_MAX_BODY = '1mb';

  /** Which reverse proxies may tell the client's address (X-Forwarded-For); none by default. */
  @IsTrustProxy()
  TRUST_PROXY = 'false';

  /** Distinct conflicting versions kept per event id; later ones are only counted. */
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number from 1 to 1000' })
  @Min(1, { message: 'must be a whole number from 1 to 1000' })
  @Max(1000, { message: 'must be a whole number from 1 to 1000' })
  MAX_CONFLICT_VERSIONS = 10;
  @IsOptional()
  @IsPasswordMap()
  VENDOR_API_PASSWORDS?: string;

  @IsHostList()
  MEDIA_ALLOWED_HOSTS = 'waapi.tig253.com';

  @IsByteSize()
  MEDIA_MAX_BYTES = '100mb';

  @IsOptional()
  @IsString()
  MEDIA_DIR?: string;

  @IsDuration()
  MEDIA_GIVE_UP_AFTER = '24h';
  @IsIn(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: LogLevel = 'info';

  @IsIn(LOG_FORMATS, { message: `must be one of ${LOG_FORMATS.join(', ')}` })
  LOG_FORMAT: LogFormat = 'auto';

  /** How long stored events are kept; whole days of them are dropped at once. */
  @IsDurationOf(DAY_MS, Number.MAX_SAFE_INTEGER, 'must be a duration of at least 1d, such as 30d or 12w')
  EVENT_RETENTION = '30d';

  /** How long an event id is remembered to recognise a re-delivery: at least the vendor's 7 days of retries. */
  @IsDurationOf(7 * DAY_MS, Number.MAX_SAFE_INTEGER, 'must be a duration of at least 7d, the longest the vendor retries')
  DEDUPE_WINDOW = '7d';

  /** How long inbound messages are kept, by send time. */
  @IsRetention()
  INBOUND_RETENTION = 'forever';

  /** How long a message's state and status history are kept after its last status. */
  @IsRetention()
  MESSAGE_RETENTION = 'forever';

  /** How long the stats keep their counts per minute; the counts per hour outlive them. */
  @IsRetention()
  STATS_MINUTE_RETENTION = '30d';

  /** How long the stats keep their counts per hour (and so per day). */
  @IsRetention()
  STATS_HOUR_RETENTION = '400d';

  /** The share of the time, in percent, the retention deletes may keep the database busy; ingest has the rest. */
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number from 1 to 100' })
  @Min(1, { message: 'must be a whole number from 1 to 100' })
  @Max(100, { message: 'must be a whole number from 1 to 100' })
  RETENTION_BUSY_PERCENT = 25;

  /** How often the maintenance runs (partitions ahead, retention). */
  @IsDurationOf(60_000, DAY_MS, 'must be a duration from 1m to 1d, such as 1h')
  MAINTENANCE_INTERVAL = '1h';

  /** Forwarding: the first attempt of a delivery is made at once; these are the delays before each retry. */
  @IsDurationList()
  FORWARD_RETRY_DELAYS = '5s,5m,30m,2h,5h,10h,10h';

  /** Forwarding: a destination whose attempts have all failed for this long is disabled. */
  @IsDuration()
  FORWARD_DISABLE_AFTER = '5d';

  /** Forwarding: attempts in flight at once to one destination, across every instance. */
  @Type(() => Number)
  @IsPositiveInteger()
  FORWARD_CONCURRENCY = 4;

  /**
   * Forwarding: while ingest keeps the service busy, attempts per second are held to this share of
   * the events stored per second (1: no holding back); the backlog goes out once ingest eases.
   * 1%: at 5% the deliveries made during a burst cost ingest 10-20% of its peak on 2 cores.
   */
  @Type(() => Number)
  @Satisfies('isShare', (value) => typeof value === 'number' && value > 0 && value <= 1, 'must be a number above 0 and at most 1, such as 0.01')
  FORWARD_BUSY_SHARE = 0.01;

  /** Forwarding: how long delivered and failed deliveries, with their attempts, are kept after their last attempt. */
  @IsRetention()
  FORWARD_RETENTION = '30d';

  /** Processes serving the one port (Node's cluster); 1 runs the service in a single process. */
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number from 1 to 64' })
  @Min(1, { message: 'must be a whole number from 1 to 64' })
  @Max(64, { message: 'must be a whole number from 1 to 64' })
  WORKERS = 1;

  /** `production` turns off the checks that exist to catch a developer's mistake early (see checksHandlerTransactions). */
  @IsOptional()
  @IsString()
  NODE_ENV?: string;

  /** Variables whose values must never be printed. */
  static readonly SECRETS = ['WEBHOOK_AUTHORIZATION', 'WEBHOOK_CREDENTIALS', 'API_TOKEN', 'DATABASE_URL', 'VENDOR_API_PASSWORDS'] as const;

  /**
   * Whether an event handler's statements outside its event transaction are refused. Tracking
   * which handler runs costs every promise in the process a little (async hooks, several per cent
   * of ingest CPU), so it is a development and test aid, off with NODE_ENV=production.
   */
  get checksHandlerTransactions(): boolean {
    return this.NODE_ENV !== 'production';
  }

  get webhookCredentials(): WebhookCredential[] {
    const pairs = parseCredentialList(this.WEBHOOK_CREDENTIALS) ?? [];
    if (this.WEBHOOK_USERNAME !== undefined && this.WEBHOOK_AUTHORIZATION !== undefined) {
      pairs.unshift({ username: this.WEBHOOK_USERNAME, authorization: this.WEBHOOK_AUTHORIZATION });
    }
    return pairs;
  }

  get trustProxy(): TrustProxy {
    return parseTrustProxy(this.TRUST_PROXY) as TrustProxy;
  }

  get forwardRetryDelaysMs(): number[] {
    return this.FORWARD_RETRY_DELAYS.split(',').map((part) => parseDuration(part) as number);
  }

  get forwardRetention(): number | 'forever' {
    return parseRetention(this.FORWARD_RETENTION) as number | 'forever';
  }

  get forwardDisableAfterMs(): number {
    return parseDuration(this.FORWARD_DISABLE_AFTER) as number;
  }

  get maxBodyBytes(): number {
    return parseByteSize(this.WEBHOOK_MAX_BODY) as number;
  }

  get eventRetentionMs(): number {
    return parseDuration(this.EVENT_RETENTION) as number;
  }

  get dedupeWindowMs(): number {
    return parseDuration(this.DEDUPE_WINDOW) as number;
  }

  get inboundRetentionMs(): number | 'forever' {
    return parseRetention(this.INBOUND_RETENTION) as number | 'forever';
  }

  get messageRetentionMs(): number | 'forever' {
    return parseRetention(this.MESSAGE_RETENTION) as number | 'forever';
  }

  get statsMinuteRetentionMs(): number | 'forever' {
    return parseRetention(this.STATS_MINUTE_RETENTION) as number | 'forever';
  }

  get statsHourRetentionMs(): number | 'forever' {
    return parseRetention(this.STATS_HOUR_RETENTION) as number | 'forever';
  }

  get retentionBusyShare(): number {
    return this.RETENTION_BUSY_PERCENT / 100;
  }

  get maintenanceIntervalMs(): number {
    return parseDuration(this.MAINTENANCE_INTERVAL) as number;
  }

  get vendorApiPasswords(): Map<string, string> {
    return parsePasswordMap(this.VENDOR_API_PASSWORDS) ?? new Map();
  }

  get mediaAllowedHosts(): string[] {
    return parseHostList(this.MEDIA_ALLOWED_HOSTS) as string[];
  }

  get mediaMaxBytes(): number {
    return parseByteSize(this.MEDIA_MAX_BYTES) as number;
  }

  get mediaDir(): string {
    return this.MEDIA_DIR ?? join(this.DATA_DIR, 'media');
  }

  get mediaGiveUpAfterMs(): number {
    return parseDuration(this.MEDIA_GIVE_UP_AFTER) as number;
  }
}

const ENVIRONMENT_KEYS = [
  'PORT',
  'DATABASE_URL',
  'DATA_DIR',
  'WEBHOOK_USERNAME',
  'WEBHOOK_AUTHORIZATION',
  'WEBHOOK_CREDENTIALS',
  'API_TOKEN',
  'EVENT_TIME_ZONE',
  'WEBHOOK_MAX_BODY',
  'TRUST_PROXY',
  'MAX_CONFLICT_VERSIONS',
  'EVENT_RETENTION',
  'DEDUPE_WINDOW',
  'INBOUND_RETENTION',
  'MESSAGE_RETENTION',
  'STATS_MINUTE_RETENTION',
  'STATS_HOUR_RETENTION',
  'RETENTION_BUSY_PERCENT',
  'MAINTENANCE_INTERVAL',
  'VENDOR_API_PASSWORDS',
  'MEDIA_ALLOWED_HOSTS',
  'MEDIA_MAX_BYTES',
  'MEDIA_DIR',
  'MEDIA_GIVE_UP_AFTER',
  'LOG_LEVEL',
  'LOG_FORMAT',
  'FORWARD_RETRY_DELAYS',
  'FORWARD_DISABLE_AFTER',
  'FORWARD_CONCURRENCY',
  'FORWARD_BUSY_SHARE',
  'FORWARD_RETENTION',
  'WORKERS',
  'NODE_ENV',
] as const;

export class InvalidEnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((line) => `  ${line}`).join('\n')}`);
  }
}

function describeProblem(error: ValidationError, source: Record<string, string | undefined>): string {
  const reason = Object.values(error.constraints ?? {})[0] ?? 'is invalid';
  const secret = (Environment.SECRETS as readonly string[]).includes(error.property);
  const shown = secret || source[error.property] === undefined ? '' : ` (got ${JSON.stringify(source[error.property])})`;
  return `${error.property} ${reason.replace(new RegExp(`^${error.property} `), '')}${shown}`;
}

/**
 * Reads and checks the environment; throws one line per bad variable, never echoing a secret.
 * A variable set to the empty string counts as unset (`PORT=` is the default port).
 */
export function loadEnvironment(source: Record<string, string | undefined>): Environment {
  const known = Object.fromEntries(ENVIRONMENT_KEYS.filter((key) => source[key] !== undefined && source[key] !== '').map((key) => [key, source[key]]));
  const environment = plainToInstance(Environment, known, { exposeDefaultValues: true });
  const errors = validateSync(environment, { skipMissingProperties: false });
  if (errors.length > 0) {
    throw new InvalidEnvironmentError(errors.map((error) => describeProblem(error, source)));
  }
  return environment;
}
