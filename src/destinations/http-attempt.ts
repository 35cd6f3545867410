/** A destination has this long to answer with a 2xx. */
export const ATTEMPT_TIMEOUT_MS = 15_000;
/** Of an answer's body, only this much is read (for the error shown in the deliveries list); the rest is dropped. */
const MAX_RESPONSE_BYTES = 1_024;
const MAX_ERROR_LENGTH = 300;

export interface AttemptResult {
  delivered: boolean;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
}

/**
 * POSTs one signed payload. Redirects are not followed (a 3xx is a failure), the answer must come
 * within ATTEMPT_TIMEOUT_MS, and at most MAX_RESPONSE_BYTES of its body are read. `shutdown`
 * aborts the attempt when the service stops: that rejects, so the job is tried again later.
 */
export async function postSigned(url: string, headers: Record<string, string>, body: string, shutdown: AbortSignal): Promise<AttemptResult> {
  const started = performance.now();
  const timeout = AbortSignal.timeout(ATTEMPT_TIMEOUT_MS);
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'whatsapp-webhook-receiver', ...headers },
      body,
      redirect: 'manual',
      signal: AbortSignal.any([timeout, shutdown]),
    });
    const excerpt = await readExcerpt(response);
    const delivered = response.status >= 200 && response.status < 300;
    return {
      delivered,
      statusCode: response.status,
      durationMs: elapsed(),
      error: delivered ? null : `HTTP ${response.status}${excerpt ? `: ${excerpt}` : ''}`.slice(0, MAX_ERROR_LENGTH),
    };
  } catch (error) {
    if (shutdown.aborted) {
      throw new Error('The service is stopping; the attempt will be made again');
    }
    return { delivered: false, statusCode: null, durationMs: elapsed(), error: describeFailure(error, timeout) };
  }
}

async function readExcerpt(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) {
    return '';
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < MAX_RESPONSE_BYTES) {
      const { done, value } = await reader.read();
      if (done) {
        break;
      }
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks)
    .subarray(0, MAX_RESPONSE_BYTES)
    .toString('utf8')
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .trim();
}

function describeFailure(error: unknown, timeout: AbortSignal): string {
  if (timeout.aborted) {
    return `No answer within ${ATTEMPT_TIMEOUT_MS / 1000} s`;
  }
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  const detail = typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : String(error);
  return `Could not connect: ${detail}`.slice(0, MAX_ERROR_LENGTH);
}
