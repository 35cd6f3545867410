import { VendorTraffic, type Envelope } from '../../tools/vendor-traffic';

export interface Delivery {
  envelope: Envelope;
  /** HTTP status, or 0 when no answer came (connection refused or reset). */
  status: number;
  outcome?: string;
}

export interface LoadOptions {
  rate: number;
  durationMs: number;
  seed: number;
  headers: Record<string, string>;
  /** Sends each envelope to one of these base URLs in turn. */
  urls: string[];
}

/** A steady stream of vendor events at a fixed rate, every answer recorded. */
export async function steadyLoad({ rate, durationMs, seed, headers, urls }: LoadOptions): Promise<Delivery[]> {
  const traffic = new VendorTraffic(seed, { status: 75, inbound: 25, redelivery: 0.02 }, `load${seed}-${Date.now().toString(36)}`);
  const deliveries: Promise<Delivery>[] = [];
  const started = Date.now();
  let sent = 0;
  while (Date.now() - started < durationMs) {
    const due = Math.floor(((Date.now() - started) / 1000) * rate);
    for (; sent < due; sent++) {
      deliveries.push(deliver(urls[sent % urls.length], traffic.next(), headers));
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return Promise.all(deliveries);
}

export async function deliver(url: string, envelope: Envelope, headers: Record<string, string>): Promise<Delivery> {
  try {
    const response = await fetch(`${url}/webhooks/whatsapp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(envelope),
      signal: AbortSignal.timeout(15_000),
    });
    const answer = (await response.json().catch(() => ({}))) as { status?: string };
    return { envelope, status: response.status, outcome: answer.status };
  } catch {
    return { envelope, status: 0 };
  }
}

export function acknowledged(deliveries: Delivery[]): Set<string> {
  return new Set(deliveries.filter((delivery) => delivery.status >= 200 && delivery.status < 300).map((delivery) => delivery.envelope.id));
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
