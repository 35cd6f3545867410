/** The message types whose content is a file behind a vendor link. */
export const MEDIA_MESSAGE_TYPES = ['image', 'sticker', 'video', 'audio', 'document'] as const;

export interface MediaReference {
  link: string;
  sha256: string | null;
  mimeType: string | null;
  filename: string | null;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);

/** The file an inbound message points at, if its type carries one. */
export function mediaReference(body: { type: string; [key: string]: unknown }): MediaReference | null {
  if (!(MEDIA_MESSAGE_TYPES as readonly string[]).includes(body.type)) {
    return null;
  }
  const content = body[body.type] as Record<string, unknown> | undefined;
  const link = text(content?.link);
  if (link === null) {
    return null;
  }
  return { link, sha256: text(content?.sha256), mimeType: text(content?.mimeType), filename: body.type === 'document' ? text(content?.filename) : null };
}

export type LinkVerdict = { allowed: true; url: URL } | { allowed: false; reason: string };

/**
 * Whether the service may fetch this link: http or https, no credentials in it, and its host
 * (with the port when it is not the scheme's default) one of MEDIA_ALLOWED_HOSTS.
 */
export function judgeLink(link: string, allowedHosts: readonly string[]): LinkVerdict {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return { allowed: false, reason: 'the link is not a URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { allowed: false, reason: `the link's scheme ${url.protocol} is not http or https` };
  }
  if (url.username !== '' || url.password !== '') {
    return { allowed: false, reason: 'the link carries credentials' };
  }
  if (!allowedHosts.includes(url.host)) {
    return { allowed: false, reason: `host ${url.host} is not in MEDIA_ALLOWED_HOSTS` };
  }
  return { allowed: true, url };
}

/** Whether a redirect stays where the original request went (same scheme, host and port). */
export function isSameOrigin(from: URL, to: URL): boolean {
  return from.origin === to.origin;
}

/** Whether the bytes' SHA-256 is the one the webhook gave (base64). */
export function sha256Matches(expectedBase64: string, digest: Buffer): boolean {
  const expected = Buffer.from(expectedBase64.trim(), 'base64');
  return expected.length === digest.length && expected.equals(digest);
}

const MAX_FILENAME_LENGTH = 150;

/**
 * A file name safe to put in a Content-Disposition header and on any file system: the last path
 * segment, without control, quote or reserved characters, without leading dots, at most 150
 * characters; `fallback` when nothing is left.
 */
export function safeFilename(name: string | null, fallback: string): string {
  const lastSegment = (name ?? '').split(/[/\\]/).pop() ?? '';
  const cleaned = lastSegment
    .replace(/[\u0000-\u001f\u007f-\u009f"<>:|?*;%]/g, '_')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(0, MAX_FILENAME_LENGTH);
  return cleaned === '' ? fallback : cleaned;
}

/** A content type from the webhook, served only when it looks like `type/subtype`. */
export function servedContentType(mimeType: string | null): string {
  const essence = (mimeType ?? '').split(';')[0].trim().toLowerCase();
  return /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/.test(essence) ? essence : 'application/octet-stream';
}

/** The extensions of the file types WhatsApp carries. */
const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'video/mp4': 'mp4',
  'video/3gpp': '3gp',
  'audio/ogg': 'ogg',
  'audio/mpeg': 'mp3',
  'audio/aac': 'aac',
  'audio/amr': 'amr',
  'audio/mp4': 'm4a',
  'application/pdf': 'pdf',
};

/** The download name of a file the customer did not name: the message id and the type's extension. */
export function fallbackFilename(messageId: string, contentType: string): string {
  const base = safeFilename(messageId, 'media');
  const extension = EXTENSIONS[contentType];
  return extension === undefined ? base : `${base}.${extension}`;
}

/**
 * Seconds before the first retry: 5, or fewer for a give-up time under five minutes, so that a
 * short one still leaves room for several tries.
 */
export function firstRetryDelaySeconds(giveUpMs: number): number {
  return Math.min(5, Math.max(1, Math.floor(giveUpMs / 60_000)));
}

/**
 * How many retries let a job reach the give-up time: pg-boss waits at least
 * `firstDelaySeconds * 2^n` before retry n (the factor stops growing after 2^15), so retries stop
 * only once their waits add up to `giveUpMs`; the job then finds it is too late and fails.
 */
export function retriesToGiveUp(giveUpMs: number, firstDelaySeconds: number): number {
  let waited = 0;
  let retries = 0;
  while (waited < giveUpMs) {
    waited += firstDelaySeconds * 1000 * 2 ** Math.min(retries, 15);
    retries++;
  }
  return retries + 1;
}
