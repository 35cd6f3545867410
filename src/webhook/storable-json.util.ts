export const MAX_JSON_DEPTH = 32;

/** Keys that reach object prototypes when code copies or instantiates what it parsed. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor']);

/**
 * PostgreSQL's jsonb refuses NUL characters and unpaired surrogates, no vendor payload nests
 * deeper than a few levels, and no vendor payload uses prototype keys. Returns why a parsed
 * JSON value cannot be stored, or undefined.
 */
export function unstorableJsonReason(value: unknown, path = '$', depth = 0): string | undefined {
  if (typeof value === 'string') {
    return textProblem(value, path);
  }
  if (value === null || typeof value !== 'object') {
    return undefined;
  }
  if (depth >= MAX_JSON_DEPTH) {
    return `${path} is nested more than ${MAX_JSON_DEPTH} levels deep`;
  }
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const reason = unstorableJsonReason(value[index], `${path}[${index}]`, depth + 1);
      if (reason) {
        return reason;
      }
    }
    return undefined;
  }
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) {
      return `${path} has the key "${key}", which is not accepted`;
    }
    const reason = textProblem(key, `${path} key`) ?? unstorableJsonReason((value as Record<string, unknown>)[key], `${path}.${key}`, depth + 1);
    if (reason) {
      return reason;
    }
  }
  return undefined;
}

function textProblem(text: string, path: string): string | undefined {
  if (text.includes('\u0000')) {
    return `${path} contains a NUL character`;
  }
  if (!text.isWellFormed()) {
    return `${path} contains an unpaired UTF-16 surrogate`;
  }
  return undefined;
}
