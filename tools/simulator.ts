import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { VendorMediaServer } from './vendor-media-server';
import { VendorTraffic, type Envelope, type SimulatedMedia } from './vendor-traffic';

/** The API passwords the simulated vendor signs media downloads with, unless VENDOR_API_PASSWORDS says otherwise. */
export const SIMULATOR_API_PASSWORDS: Record<string, string> = { IW100001: 'simulator-password-1', IW100002: 'simulator-password-2' };

export interface SimulationOptions {
  url: string;
  /** Events per second. */
  rate: number;
  /** Seconds to send for, unless `messages` is given. */
  duration: number;
  /** Send until this many sent messages have had all their statuses (overrides duration). */
  messages?: number;
  seed: number;
  /** Starts every id this run sends (see runPrefix). */
  runPrefix?: string;
  credentials: SimulatorCredentials;
  /** Called about ten times a second with the share done, 0 to 1. */
  onProgress?: (done: number, sent: number) => void;
  /** Play the vendor's media endpoint on 127.0.0.1:port too, and check the files the service kept. */
  media?: { port: number; passwords: Record<string, string>; settleTimeoutMs?: number };
}

export interface SimulatorCredentials {
  username: string;
  authorization: string;
  apiToken: string;
}

export interface SimulationSummary {
  sent: number;
  byStatusCode: Record<string, number>;
  byOutcome: Record<string, number>;
  latencyMs: { p50: number; p99: number; max: number };
  check: {
    messagesChecked: number;
    messagesWrong: { id: string; expected: string; actual: string | null }[];
    eventsChecked: number;
    eventsMissing: string[];
    mediaChecked: number;
    mediaWrong: { id: string; expected: string; actual: string }[];
    /** Why media was not checked: the service is not set up for the simulated vendor's endpoint. */
    mediaSkipped: string | null;
    passed: boolean;
  };
}

const MAX_IN_FLIGHT = 64;
const MIX = { status: 60, inbound: 25, template: 6, account: 3, phoneNumber: 3, redelivery: 0.03, outOfOrder: 0.3 };

/** A reason the simulation cannot run, worded as what to do about it. */
export class SimulatorError extends Error {}

/** Unique to a run, so that its ids never collide with an earlier run's: `sim<seed>-<time>`. */
export function runPrefix(seed: number, now = Date.now()): string {
  return `sim${seed}-${now.toString(36)}`;
}

/** As for the service, a variable set to the empty string counts as unset. */
function setting(environment: NodeJS.ProcessEnv, name: string): string | undefined {
  return environment[name] === '' ? undefined : environment[name];
}

interface StoredSecrets {
  webhookUsername?: string;
  webhookAuthorization?: string;
  apiToken?: string;
}

/** The credentials the service generated and kept in DATA_DIR, if any. */
function storedSecrets(environment: NodeJS.ProcessEnv): { file: string; secrets: StoredSecrets } {
  const file = join(setting(environment, 'DATA_DIR') ?? '.data', 'secrets.json');
  return { file, secrets: existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as StoredSecrets) : {} };
}

/** The API token the service uses: API_TOKEN, else the one it generated in DATA_DIR. */
export function readApiToken(environment: NodeJS.ProcessEnv): string {
  const { file, secrets } = storedSecrets(environment);
  const token = setting(environment, 'API_TOKEN') ?? secrets.apiToken;
  if (!token) {
    throw new SimulatorError(`No API token: set API_TOKEN, or start the service once so that ${file} exists.`);
  }
  return token;
}

/** The credentials the service uses: its environment, else the ones it generated in DATA_DIR. */
export function readCredentials(environment: NodeJS.ProcessEnv): SimulatorCredentials {
  const variable = (name: string) => setting(environment, name);
  const { file: stored, secrets: generated } = storedSecrets(environment);
  const credentialList = variable('WEBHOOK_CREDENTIALS');
  const listed = credentialList ? (JSON.parse(credentialList) as { username: string; authorization: string }[])[0] : undefined;
  const username = variable('WEBHOOK_USERNAME') ?? listed?.username ?? generated.webhookUsername;
  const authorization = variable('WEBHOOK_AUTHORIZATION') ?? listed?.authorization ?? generated.webhookAuthorization;
  const apiToken = variable('API_TOKEN') ?? generated.apiToken;
  if (!username || !authorization || !apiToken) {
    throw new SimulatorError(`No credentials: set WEBHOOK_USERNAME, WEBHOOK_AUTHORIZATION and API_TOKEN, or start the service once so that ${stored} exists.`);
  }
  return { username, authorization, apiToken };
}

/** Fails in seconds, saying what to do, when the service is not there or refuses the credentials. */
export async function checkService(url: string, credentials: SimulatorCredentials): Promise<void> {
  let health: Response;
  try {
    health = await fetch(`${url}/health`, { signal: AbortSignal.timeout(3_000) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    throw new SimulatorError(`Cannot reach the service at ${url} (${cause}): start it with npm start, or give its address with --url (or set PORT)`);
  }
  if (health.status !== 200) {
    throw new SimulatorError(`The service at ${url} is not ready: GET /health answered ${health.status}`);
  }
  const query = await fetch(`${url}/events?limit=1`, { headers: { Authorization: `Bearer ${credentials.apiToken}` } });
  if (query.status === 401) {
    throw new SimulatorError(`The service at ${url} refused the API token: \`npm run --silent token\` prints the active one; set API_TOKEN to it`);
  }
  // An empty envelope is refused with 400 after the credentials were accepted, and stores nothing.
  const webhook = await fetch(`${url}/webhooks/whatsapp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', UserName: credentials.username, Authorization: credentials.authorization },
    body: '{}',
  });
  if (webhook.status === 401) {
    throw new SimulatorError(`The service at ${url} refused the webhook credentials: set WEBHOOK_USERNAME and WEBHOOK_AUTHORIZATION to the ones it uses`);
  }
}

function percentile(sorted: number[], share: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))];
}

async function inParallel<T>(items: T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        await work(items[next++]);
      }
    }),
  );
}

/**
 * Plays the vendor against a running service: a seeded stream of all five event types at a
 * steady rate, with re-deliveries and out-of-order statuses; then checks that the service's
 * state agrees with what was sent.
 */
export async function simulate(options: SimulationOptions): Promise<SimulationSummary> {
  const mediaServer = options.media ? await VendorMediaServer.start({ port: options.media.port, passwords: options.media.passwords }) : undefined;
  try {
    return await simulateWith(options, mediaServer);
  } finally {
    await mediaServer?.close();
  }
}

async function simulateWith(options: SimulationOptions, mediaServer: VendorMediaServer | undefined): Promise<SimulationSummary> {
  // Event times start now, so that queries such as "today's failed messages" find them.
  const linker = mediaServer ? (media: SimulatedMedia) => mediaServer.add(media.mediaId, { bytes: media.bytes, answers: media.answers }) : undefined;
  const traffic = new VendorTraffic(options.seed, MIX, options.runPrefix ?? runPrefix(options.seed), Date.now(), linker);
  const byStatusCode: Record<string, number> = {};
  const byOutcome: Record<string, number> = {};
  const latencies: number[] = [];
  const acknowledged = new Set<string>();
  let sent = 0;
  let inFlight = 0;
  const pending = new Set<Promise<void>>();

  const deliver = async (envelope: Envelope) => {
    const started = performance.now();
    let code = 'network error';
    try {
      const response = await fetch(`${options.url}/webhooks/whatsapp`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', UserName: options.credentials.username, Authorization: options.credentials.authorization },
        body: JSON.stringify(envelope),
      });
      code = String(response.status);
      const answer = (await response.json().catch(() => ({}))) as { status?: string };
      if (response.ok) {
        acknowledged.add(envelope.id);
        byOutcome[answer.status ?? 'unknown'] = (byOutcome[answer.status ?? 'unknown'] ?? 0) + 1;
      }
    } catch {
      // counted as a network error
    }
    latencies.push(performance.now() - started);
    byStatusCode[code] = (byStatusCode[code] ?? 0) + 1;
  };

  const started = Date.now();
  // A message whose statuses have begun is always sent to the end: the check expects its last one.
  const finished = () =>
    !traffic.hasQueuedStatuses &&
    (options.messages !== undefined ? traffic.expectedStatus.size >= options.messages : Date.now() - started >= options.duration * 1000);
  const progress = () =>
    options.messages !== undefined
      ? Math.min(1, traffic.expectedStatus.size / options.messages)
      : Math.min(1, (Date.now() - started) / (options.duration * 1000));

  let lastProgress = 0;
  while (!finished()) {
    const due = Math.floor(((Date.now() - started) / 1000) * options.rate);
    while (sent < due && inFlight < MAX_IN_FLIGHT && !finished()) {
      const envelope = traffic.next();
      sent++;
      inFlight++;
      const delivery = deliver(envelope).finally(() => {
        inFlight--;
        pending.delete(delivery);
      });
      pending.add(delivery);
    }
    if (Date.now() - lastProgress >= 100) {
      lastProgress = Date.now();
      options.onProgress?.(progress(), sent);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await Promise.all(pending);
  options.onProgress?.(1, sent);

  const headers = { Authorization: `Bearer ${options.credentials.apiToken}` };
  const messagesWrong: SimulationSummary['check']['messagesWrong'] = [];
  await inParallel([...traffic.expectedStatus], 8, async ([id, expected]) => {
    const response = await fetch(`${options.url}/messages/${encodeURIComponent(id)}`, { headers });
    const actual = response.ok ? ((await response.json()) as { status: string }).status : null;
    if (actual !== expected) {
      messagesWrong.push({ id, expected, actual });
    }
  });
  const eventsMissing: string[] = [];
  await inParallel([...acknowledged], 16, async (id) => {
    const response = await fetch(`${options.url}/events/${encodeURIComponent(id)}`, { headers });
    if (response.status !== 200) {
      eventsMissing.push(id);
    }
  });
  const media = mediaServer
    ? await checkMedia(options.url, headers, traffic.expectedMedia, options.media?.settleTimeoutMs ?? 60_000)
    : { checked: 0, wrong: [], skipped: 'the simulator did not play the media endpoint' };
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    sent,
    byStatusCode,
    byOutcome,
    latencyMs: { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), max: sorted[sorted.length - 1] ?? 0 },
    check: {
      messagesChecked: traffic.expectedStatus.size,
      messagesWrong,
      eventsChecked: acknowledged.size,
      eventsMissing,
      mediaChecked: media.checked,
      mediaWrong: media.wrong,
      mediaSkipped: media.skipped,
      passed: messagesWrong.length === 0 && eventsMissing.length === 0 && media.wrong.length === 0 && acknowledged.size > 0,
    },
  };
}

interface MediaState {
  state: string;
  error: string | null;
}

/**
 * Waits for the service to settle every media message sent (not pending any more), then checks
 * each: stored with the very bytes served, or failed for a mismatch where the vendor served wrong
 * bytes. A service not set up for the simulated endpoint (no password, host not allowed) is
 * reported as such rather than as disagreeing.
 */
async function checkMedia(
  url: string,
  headers: Record<string, string>,
  expected: Map<string, SimulatedMedia>,
  settleTimeoutMs: number,
): Promise<{ checked: number; wrong: SimulationSummary['check']['mediaWrong']; skipped: string | null }> {
  const states = new Map<string, MediaState | null>();
  const deadline = Date.now() + settleTimeoutMs;
  let unsettled = [...expected.keys()];
  while (unsettled.length > 0 && Date.now() < deadline) {
    await inParallel(unsettled, 8, async (id) => {
      const response = await fetch(`${url}/inbound-messages/${encodeURIComponent(id)}`, { headers });
      states.set(id, response.ok ? (((await response.json()) as { media: MediaState | null }).media ?? null) : null);
    });
    unsettled = unsettled.filter((id) => states.get(id)?.state === 'pending');
    if (unsettled.length > 0) {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  const all = [...states.values()];
  if (all.length > 0 && all.every((media) => media?.state === 'not_configured' || (media?.error ?? '').includes('MEDIA_ALLOWED_HOSTS'))) {
    return {
      checked: 0,
      wrong: [],
      skipped: 'the service has no password for the simulated accounts or does not allow the simulated host (see docs/media.md)',
    };
  }
  const wrong: SimulationSummary['check']['mediaWrong'] = [];
  await inParallel([...expected], 8, async ([id, file]) => {
    const media = states.get(id);
    const actual = media ? `${media.state}${media.error ? `: ${media.error}` : ''}` : 'no media';
    if (file.expected === 'failed') {
      if (media?.state !== 'failed' || !(media.error ?? '').startsWith('sha256 mismatch')) {
        wrong.push({ id, expected: 'failed: sha256 mismatch', actual });
      }
      return;
    }
    if (media?.state !== 'stored') {
      wrong.push({ id, expected: 'stored', actual });
      return;
    }
    const served = await fetch(`${url}/inbound-messages/${encodeURIComponent(id)}/media`, { headers });
    const digest = createHash('sha256')
      .update(Buffer.from(await served.arrayBuffer()))
      .digest('hex');
    if (served.status !== 200 || digest !== createHash('sha256').update(file.bytes).digest('hex')) {
      wrong.push({ id, expected: 'stored, served as sent', actual: `HTTP ${served.status}, other bytes` });
    }
  });
  return { checked: expected.size, wrong, skipped: null };
}
