/** Query parameters whose values are secrets a client may have put in a URL by mistake. */
const SECRET_PARAMETERS = new Set(['token', 'access_token', 'api_key', 'apikey', 'key', 'secret', 'password', 'authorization']);

const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** The URL as it may be logged: the value of every secret-looking query parameter replaced. */
export function redactSecretQuery(url: string): string {
  const start = url.indexOf('?');
  if (start === -1) {
    return url;
  }
  const parameters = url
    .slice(start + 1)
    .split('&')
    .map((pair) => {
      const separator = pair.indexOf('=');
      const name = separator === -1 ? pair : pair.slice(0, separator);
      let decoded: string;
      try {
        decoded = decodeURIComponent(name.replace(/\+/g, ' '));
      } catch {
        decoded = name;
      }
      return SECRET_PARAMETERS.has(decoded.toLowerCase()) ? `${name}=[REDACTED]` : pair;
    });
  return `${url.slice(0, start)}?${parameters.join('&')}`;
}

/** A caller's X-Request-Id is used only when it is short and plain; otherwise undefined. */
export function acceptableRequestId(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' && SAFE_REQUEST_ID.test(value) ? value : undefined;
}
