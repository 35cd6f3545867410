import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/** A destination has this long to answer with a 2xx. */
export const ATTEMPT_TIMEOUT_MS = 15_000;
/** Of an answer's body, only this much is read (for the error shown in the attempts list); the rest is dropped. */
const MAX_RESPONSE_BYTES = 1_024;
const MAX_ERROR_LENGTH = 300;

/**
 * An idle connection is closed after this long: before the 5 s after which common servers close
 * theirs, so a request is rarely sent on a connection the other end is closing.
 */
const IDLE_CONNECTION_MS = 4_000;
/**
 * Connections to destinations are kept open between attempts: a profile of the bench showed the
 * fetch client (undici) and a connection per request costing more CPU than storing the event.
 */
const KEEP_ALIVE = { keepAlive: true, scheduling: 'lifo', timeout: IDLE_CONNECTION_MS } as const;
const agents = { 'http:': new HttpAgent(KEEP_ALIVE), 'https:': new HttpsAgent(KEEP_ALIVE) };

/** Closes the connections kept open, when the service stops. */
export function closeConnections(): void {
  Object.values(agents).forEach((agent) => agent.destroy());
}

export interface AttemptResult {
  delivered: boolean;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
}

class AttemptTimeout extends Error {}
class ServiceStopping extends Error {}

/**
 * POSTs one signed payload. Redirects are not followed (a 3xx is a failure), the answer must come
 * within ATTEMPT_TIMEOUT_MS, and at most MAX_RESPONSE_BYTES of its body are read. `shutdown`
 * aborts the attempt when the service stops: that rejects, so the job is tried again later.
 */
export function postSigned(url: string, headers: Record<string, string>, body: string, shutdown: AbortSignal): Promise<AttemptResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const target = new URL(url);
  const https = target.protocol === 'https:';
  return new Promise<AttemptResult>((resolve, reject) => {
    const request = (https ? httpsRequest : httpRequest)(target, {
      method: 'POST',
      agent: agents[https ? 'https:' : 'http:'],
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'whatsapp-webhook-receiver', ...headers },
    });
    const stop = () => request.destroy(new ServiceStopping());
    const timer = setTimeout(() => request.destroy(new AttemptTimeout()), ATTEMPT_TIMEOUT_MS);
    shutdown.addEventListener('abort', stop, { once: true });
    const settle = (result: AttemptResult | Error) => {
      clearTimeout(timer);
      shutdown.removeEventListener('abort', stop);
      if (result instanceof ServiceStopping) {
        reject(new Error('The service is stopping; the attempt will be made again'));
      } else if (result instanceof Error) {
        resolve({ delivered: false, statusCode: null, durationMs: elapsed(), error: describeFailure(result) });
      } else {
        resolve(result);
      }
    };
    request.on('error', settle);
    request.on('response', (response) => {
      readExcerpt(response).then((excerpt) => {
        const status = response.statusCode ?? 0;
        const delivered = status >= 200 && status < 300;
        settle({
          delivered,
          statusCode: status,
          durationMs: elapsed(),
          error: delivered ? null : `HTTP ${status}${excerpt ? `: ${excerpt}` : ''}`.slice(0, MAX_ERROR_LENGTH),
        });
      }, settle);
    });
    if (shutdown.aborted) {
      stop();
      return;
    }
    request.end(body);
  });
}

/** Reads up to MAX_RESPONSE_BYTES; a longer body is cut off by closing the connection. */
function readExcerpt(response: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () =>
      resolve(
        Buffer.concat(chunks)
          .subarray(0, MAX_RESPONSE_BYTES)
          .toString('utf8')
          .replace(/[\u0000-\u001f\u007f]+/g, ' ')
          .trim(),
      );
    response.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.byteLength;
      if (size >= MAX_RESPONSE_BYTES) {
        response.destroy();
        done();
      }
    });
    response.on('end', done);
    response.on('error', reject);
  });
}

function describeFailure(error: Error): string {
  if (error instanceof AttemptTimeout) {
    return `No answer within ${ATTEMPT_TIMEOUT_MS / 1000} s`;
  }
  const code = (error as { code?: unknown }).code;
  return `Could not connect: ${typeof code === 'string' ? code : error.message}`.slice(0, MAX_ERROR_LENGTH);
}
