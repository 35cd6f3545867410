/** A variable's JSON value; undefined when it is not a string of valid JSON. */
export function parseJsonVariable(value: unknown): unknown {
  if (typeof value !== 'string') {
    return undefined;
  }
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

/** `{"IW100001": "password"}`: each vendor API account's password, which signs media downloads. */
export function parsePasswordMap(value: unknown): Map<string, string> | undefined {
  const parsed = parseJsonVariable(value);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return undefined;
  }
  const entries = Object.entries(parsed);
  return entries.every(([account, password]) => account !== '' && typeof password === 'string' && password !== '')
    ? new Map(entries as [string, string][])
    : undefined;
}
