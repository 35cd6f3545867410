import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/** How the receiver answers a request to a path: a status code, 200 unless told otherwise. */
export type Answer = (request: ReceivedRequest, earlierOnPath: number) => number;

/** A real HTTP server on 127.0.0.1 standing in for the company's services; one path per destination. */
export interface WebhookReceiver {
  url(path: string): string;
  requests(path: string): ReceivedRequest[];
  answer(path: string, answer: Answer): void;
  /** Holds every answer on `path` this long before sending it. */
  holdAnswers(path: string, ms: number): void;
  close(): Promise<void>;
}

export async function startWebhookReceiver(port = 0): Promise<WebhookReceiver> {
  const received: ReceivedRequest[] = [];
  const answers = new Map<string, Answer>();
  const holds = new Map<string, number>();
  const held = new Set<NodeJS.Timeout>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      const entry = { path, headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
      const earlier = received.filter((r) => r.path === path).length;
      received.push(entry);
      const status = (answers.get(path) ?? (() => 200))(entry, earlier);
      setTimeout(
        () => {
          response.writeHead(status, status >= 300 && status < 400 ? { location: `/elsewhere${path}` } : {});
          response.end(status >= 400 ? 'receiver says no' : 'ok');
        },
        holds.get(path) ?? 0,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: chosen } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${chosen}${path}`,
    requests: (path) => received.filter((request) => request.path === path),
    answer: (path, answer) => answers.set(path, answer),
    holdAnswers: (path, ms) => holds.set(path, ms),
    close: () =>
      new Promise<void>((resolve) => {
        held.forEach((timer) => clearTimeout(timer));
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined> | T | undefined, timeoutMs = 15_000, what = 'the condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
