/**
 * Splits items into consecutive groups in which no key appears twice, keeping their order:
 * one `INSERT ... ON CONFLICT DO UPDATE` cannot touch the same row twice, so the events of one
 * batch that update the same row go in successive statements.
 */
export function inWaves<T>(items: readonly T[], keyOf: (item: T) => string): T[][] {
  const waves: T[][] = [];
  const wavesOfKey = new Map<string, number>();
  for (const item of items) {
    const key = keyOf(item);
    const wave = wavesOfKey.get(key) ?? 0;
    wavesOfKey.set(key, wave + 1);
    (waves[wave] ??= []).push(item);
  }
  return waves;
}
