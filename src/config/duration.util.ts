const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Reads a duration such as `90s`, `15m`, `24h` or `30d` into milliseconds. */
export function parseDuration(value: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d)\s*$/i.exec(value);
  if (!match) {
    return undefined;
  }
  const ms = Math.round(Number(match[1]) * UNIT_MS[match[2].toLowerCase()]);
  return ms > 0 ? ms : undefined;
}
