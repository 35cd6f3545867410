import { createHash, type Hash } from 'node:crypto';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { Transform, type TransformCallback, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { isSameOrigin } from './media.rules';

export interface DownloadRequest {
  url: URL;
  headers: Record<string, string>;
  maxBytes: number;
  signal: AbortSignal;
  /** Where the body goes. */
  into: Writable;
}

export type DownloadOutcome =
  | { kind: 'downloaded'; bytes: number; sha256: Buffer; contentType: string | null }
  /** Worth another try later: the network, a timeout, a 5xx or 429. */
  | { kind: 'retry'; reason: string }
  /** Another try would end the same: a 4xx, too large, a redirect elsewhere. */
  | { kind: 'failed'; reason: string };

const CONNECT_TIMEOUT_MS = 10_000;
/** The longest silence while waiting for the answer or its next bytes. */
const READ_TIMEOUT_MS = 30_000;
const MAX_REDIRECTS = 3;

class TooLarge extends Error {}

/** Counts and hashes the bytes on their way, and stops the download past the limit. */
class Meter extends Transform {
  bytes = 0;
  readonly hash: Hash = createHash('sha256');

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) {
      done(new TooLarge(`larger than MEDIA_MAX_BYTES (${this.maxBytes} bytes)`));
      return;
    }
    this.hash.update(chunk);
    done(null, chunk);
  }
}

/**
 * GETs a media file into `into`: redirects only within the same origin, the size limit enforced
 * while the bytes stream (and up front from Content-Length), connect and read timeouts. Never
 * throws: every outcome says whether a retry makes sense.
 */
export async function download(request: DownloadRequest): Promise<DownloadOutcome> {
  let url = request.url;
  for (let redirects = 0; ; redirects++) {
    let response: IncomingMessage;
    try {
      response = await get(url, request.headers, request.signal);
    } catch (error) {
      return { kind: 'retry', reason: `request failed: ${(error as Error).message}` };
    }
    const status = response.statusCode ?? 0;
    if (status >= 300 && status < 400 && response.headers.location !== undefined) {
      response.resume();
      const next = new URL(response.headers.location, url);
      if (!isSameOrigin(request.url, next)) {
        return { kind: 'failed', reason: `redirected to another host (${next.host})` };
      }
      if (redirects >= MAX_REDIRECTS) {
        return { kind: 'failed', reason: 'too many redirects' };
      }
      url = next;
      continue;
    }
    if (status < 200 || status >= 300) {
      response.resume();
      const retryable = status >= 500 || status === 429 || status === 408;
      return { kind: retryable ? 'retry' : 'failed', reason: `the vendor answered HTTP ${status}` };
    }
    const declared = Number(response.headers['content-length']);
    if (Number.isFinite(declared) && declared > request.maxBytes) {
      response.destroy();
      return { kind: 'failed', reason: `larger than MEDIA_MAX_BYTES (${request.maxBytes} bytes): ${declared} bytes` };
    }
    const meter = new Meter(request.maxBytes);
    try {
      await pipeline(response, meter, request.into);
    } catch (error) {
      response.destroy();
      return error instanceof TooLarge ? { kind: 'failed', reason: error.message } : { kind: 'retry', reason: `download cut: ${(error as Error).message}` };
    }
    const contentType = response.headers['content-type'] ?? null;
    return { kind: 'downloaded', bytes: meter.bytes, sha256: meter.hash.digest(), contentType };
  }
}

function get(url: URL, headers: Record<string, string>, signal: AbortSignal): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const request = client.get(url, { headers, signal, timeout: READ_TIMEOUT_MS, agent: false });
    const connectTimer = setTimeout(() => request.destroy(new Error(`no connection within ${CONNECT_TIMEOUT_MS} ms`)), CONNECT_TIMEOUT_MS);
    request.once('socket', (socket) => {
      socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', () => clearTimeout(connectTimer));
    });
    request.once('timeout', () => request.destroy(new Error(`no data for ${READ_TIMEOUT_MS} ms`)));
    request.once('response', (response) => {
      clearTimeout(connectTimer);
      resolve(response);
    });
    request.on('error', (error) => {
      clearTimeout(connectTimer);
      reject(error);
    });
  });
}
