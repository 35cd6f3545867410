import {
  fallbackFilename,
  firstRetryDelaySeconds,
  judgeLink,
  mediaReference,
  retriesToGiveUp,
  safeFilename,
  servedContentType,
  sha256Matches,
  isSameOrigin,
} from './media.rules';
import { createHash } from 'node:crypto';

describe(mediaReference.name, () => {
  it('reads the link, checksum, type and, for documents only, the file name', () => {
    const document = { type: 'document', document: { link: 'https://h/x', sha256: 'abc=', mimeType: 'application/pdf', filename: 'a.pdf' } };
    expect(mediaReference(document)).toEqual({ link: 'https://h/x', sha256: 'abc=', mimeType: 'application/pdf', filename: 'a.pdf' });
    expect(mediaReference({ type: 'image', image: { link: 'https://h/y', filename: 'ignored' } })).toEqual({
      link: 'https://h/y',
      sha256: null,
      mimeType: null,
      filename: null,
    });
  });

  it('has nothing for other types or a media message without a link', () => {
    expect(mediaReference({ type: 'text', text: { body: 'hi' } })).toBeNull();
    expect(mediaReference({ type: 'audio', audio: { sha256: 'x' } })).toBeNull();
  });
});

describe(judgeLink.name, () => {
  const allowed = ['waapi.tig253.com', '127.0.0.1:8080'];

  it('allows the listed hosts, with the port when one is listed', () => {
    expect(judgeLink('https://waapi.tig253.com/intwa-api/whatsapp/media/download/1', allowed).allowed).toBe(true);
    expect(judgeLink('http://WAAPI.tig253.com/x', allowed).allowed).toBe(true);
    expect(judgeLink('http://127.0.0.1:8080/x', allowed).allowed).toBe(true);
  });

  it.each([
    ['http://127.0.0.1/x', /127\.0\.0\.1 is not in MEDIA_ALLOWED_HOSTS/],
    ['http://waapi.tig253.com:8443/x', /not in MEDIA_ALLOWED_HOSTS/],
    ['http://waapi.tig253.com.evil.example/x', /not in MEDIA_ALLOWED_HOSTS/],
    ['http://169.254.169.254/latest/meta-data', /not in MEDIA_ALLOWED_HOSTS/],
    ['file:///etc/passwd', /scheme file:/],
    ['https://user:pw@waapi.tig253.com/x', /credentials/],
    ['not a url', /not a URL/],
  ])('refuses %s', (link, reason) => {
    const verdict = judgeLink(link, allowed);
    expect(verdict.allowed).toBe(false);
    expect(verdict.allowed ? '' : verdict.reason).toMatch(reason);
  });
});

describe(isSameOrigin.name, () => {
  it('holds for the same scheme, host and port only', () => {
    const from = new URL('https://a.example/x');
    expect(isSameOrigin(from, new URL('https://a.example/y?z=1'))).toBe(true);
    expect(isSameOrigin(from, new URL('http://a.example/y'))).toBe(false);
    expect(isSameOrigin(from, new URL('https://b.example/y'))).toBe(false);
  });
});

describe(sha256Matches.name, () => {
  const digest = createHash('sha256').update('hello').digest();

  it('compares the base64 checksum with the digest', () => {
    expect(sha256Matches('LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=', digest)).toBe(true);
    expect(sha256Matches(digest.toString('base64'), createHash('sha256').update('hellO').digest())).toBe(false);
    expect(sha256Matches('', digest)).toBe(false);
  });
});

describe(safeFilename.name, () => {
  it.each([
    ['invoice 2024.pdf', 'invoice 2024.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\a\\report.docx', 'report.docx'],
    ['a"b\r\nContent-Type: x.pdf', 'a_b__Content-Type_ x.pdf'],
    ['.hidden', 'hidden'],
    ['...', 'fallback.bin'],
    [null, 'fallback.bin'],
    ['реферат.pdf', 'реферат.pdf'],
  ])('makes %j into %j', (name, safe) => {
    expect(safeFilename(name, 'fallback.bin')).toBe(safe);
  });

  it('keeps at most 150 characters', () => {
    expect(safeFilename('x'.repeat(500), 'f')).toHaveLength(150);
  });
});

describe(fallbackFilename.name, () => {
  it("names a file by its message and its type's extension", () => {
    expect(fallbackFilename('wamid.1', 'image/jpeg')).toBe('wamid.1.jpg');
    expect(fallbackFilename('../x', 'application/octet-stream')).toBe('x');
  });
});

describe(servedContentType.name, () => {
  it('serves a well-formed type and octet-stream otherwise', () => {
    expect(servedContentType('image/jpeg')).toBe('image/jpeg');
    expect(servedContentType('audio/ogg; codecs=opus')).toBe('audio/ogg');
    expect(servedContentType('text/html\r\nX-Evil: 1')).toBe('application/octet-stream');
    expect(servedContentType(null)).toBe('application/octet-stream');
  });
});

describe(firstRetryDelaySeconds.name, () => {
  it('waits 5 s, or less when the give-up time is short', () => {
    expect(firstRetryDelaySeconds(86_400_000)).toBe(5);
    expect(firstRetryDelaySeconds(180_000)).toBe(3);
    expect(firstRetryDelaySeconds(30_000)).toBe(1);
  });
});

describe(retriesToGiveUp.name, () => {
  it('retries until the waits add up to the give-up time', () => {
    // 5 s, 10 s, 20 s, 40 s: 75 s after four retries covers a minute; one more to find it too late.
    expect(retriesToGiveUp(60_000, 5)).toBe(5);
    // A day at 5 s doubling: 5 * (2^15 - 1) s is about 45 h, so 15 waits cover it.
    expect(retriesToGiveUp(86_400_000, 5)).toBe(16);
  });

  it('keeps going past the doubling cap for long give-up times', () => {
    expect(retriesToGiveUp(30 * 86_400_000, 5)).toBeGreaterThan(16);
  });
});
