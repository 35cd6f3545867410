const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

export const DAY_MS = UNIT_MS.d;

/** Reads a duration such as `90s`, `15m`, `12h`, `30d` or `2w` into milliseconds; undefined for anything else. */
export function parseDuration(value: string): number | undefined {
  const match = /^\s*(\d+)\s*(s|m|h|d|w)\s*$/i.exec(value);
  if (!match) {
    return undefined;
  }
  const ms = Number(match[1]) * UNIT_MS[match[2].toLowerCase()];
  return ms > 0 && Number.isSafeInteger(ms) ? ms : undefined;
}

/** A retention: a duration, or `forever` for data that is never deleted. */
export function parseRetention(value: string): number | 'forever' | undefined {
  return value.trim().toLowerCase() === 'forever' ? 'forever' : parseDuration(value);
}
