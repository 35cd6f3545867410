/** `{"IW100001": "password"}`: each vendor API account's password, which signs media downloads. */
export function parsePasswordMap(value: unknown): Map<string, string> | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return undefined;
  }
  const entries = Object.entries(parsed);
  return entries.every(([account, password]) => account !== '' && typeof password === 'string' && password !== '')
    ? new Map(entries as [string, string][])
    : undefined;
}
