import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { vendorSignature } from '../src/media/vendor-signature.rules';

export const MEDIA_PATH = '/intwa-api/whatsapp/media/download/';

/**
 * How the server answers one request for a file: `ok` (with Content-Length), `chunked` (without
 * one), `error` (HTTP 503), `slow` (the bytes dribble out over `slowMs`), `wrong-bytes` (one
 * byte changed), `redirect-away` (302 to another host).
 */
export type MediaAnswer = 'ok' | 'chunked' | 'error' | 'slow' | 'wrong-bytes' | 'redirect-away';

export interface ServedFile {
  bytes: Buffer;
  /** The answers to the first requests, in order; `ok` after them. */
  answers?: MediaAnswer[];
}

export interface MediaRequestRecord {
  mediaId: string;
  /** Whether the sign header matched the vendor's rule with the account's password. */
  signed: boolean;
  answer: MediaAnswer | 'unsigned' | 'unknown';
}

/** Base64 of the SHA-256, as the vendor's webhooks carry it. */
export function vendorSha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('base64');
}

/**
 * Plays the vendor's media download endpoint on 127.0.0.1: checks each request's signature
 * against the account's API password and serves the file, or fails as scripted.
 */
export class VendorMediaServer {
  readonly requests: MediaRequestRecord[] = [];
  private readonly files = new Map<string, ServedFile & { served: number }>();

  private constructor(
    private readonly server: Server,
    private readonly passwords: Record<string, string>,
    private readonly slowMs: number,
  ) {}

  static async start({
    passwords,
    port = 0,
    slowMs = 3_000,
  }: {
    passwords: Record<string, string>;
    port?: number;
    slowMs?: number;
  }): Promise<VendorMediaServer> {
    const server = createServer();
    const media = new VendorMediaServer(server, passwords, slowMs);
    server.on('request', (request: IncomingMessage, response: ServerResponse) => void media.answer(request, response));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    return media;
  }

  /** `127.0.0.1:port`, as MEDIA_ALLOWED_HOSTS lists it. */
  get host(): string {
    return `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Serves a file; answers the link the webhook carries. */
  add(mediaId: string, file: ServedFile): string {
    this.files.set(mediaId, { ...file, served: 0 });
    return `http://${this.host}${MEDIA_PATH}${encodeURIComponent(mediaId)}`;
  }

  requestsFor(mediaId: string): MediaRequestRecord[] {
    return this.requests.filter((request) => request.mediaId === mediaId);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private async answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const mediaId = decodeURIComponent(url.pathname.slice(MEDIA_PATH.length));
    const file = url.pathname.startsWith(MEDIA_PATH) ? this.files.get(mediaId) : undefined;
    if (!file) {
      this.requests.push({ mediaId, signed: false, answer: 'unknown' });
      response.writeHead(404).end();
      return;
    }
    const account = url.searchParams.get('accountName') ?? '';
    const password = this.passwords[account];
    const nonce = String(request.headers.nonce ?? '');
    const expected = password === undefined ? undefined : vendorSignature({ ...Object.fromEntries(url.searchParams), nonce }, password);
    const signed = expected !== undefined && nonce !== '' && request.headers.sign === expected && url.searchParams.get('wabaId') !== null;
    if (!signed) {
      this.requests.push({ mediaId, signed, answer: 'unsigned' });
      response.writeHead(401, { 'content-type': 'application/json' }).end('{"code":"401","message":"sign error"}');
      return;
    }
    const answer = file.answers?.[file.served] ?? 'ok';
    file.served++;
    this.requests.push({ mediaId, signed, answer });
    switch (answer) {
      case 'ok':
        response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': file.bytes.length }).end(file.bytes);
        return;
      case 'chunked':
        response.writeHead(200, { 'content-type': 'application/octet-stream' });
        response.end(file.bytes);
        return;
      case 'error':
        response.writeHead(503).end();
        return;
      case 'wrong-bytes': {
        const wrong = Buffer.from(file.bytes);
        wrong[0] ^= 0xff;
        response.writeHead(200, { 'content-length': wrong.length }).end(wrong);
        return;
      }
      case 'redirect-away':
        response.writeHead(302, { location: `http://127.0.0.2:${(this.server.address() as AddressInfo).port}${url.pathname}${url.search}` }).end();
        return;
      case 'slow':
        await this.dribble(file.bytes, response);
        return;
    }
  }

  private async dribble(bytes: Buffer, response: ServerResponse): Promise<void> {
    response.writeHead(200, { 'content-length': bytes.length });
    const pieces = 20;
    const size = Math.ceil(bytes.length / pieces);
    for (let offset = 0; offset < bytes.length && !response.destroyed; offset += size) {
      response.write(bytes.subarray(offset, offset + size));
      await new Promise((resolve) => setTimeout(resolve, this.slowMs / pieces));
    }
    response.end();
  }
}
