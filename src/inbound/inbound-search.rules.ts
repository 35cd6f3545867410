/** The `count` highest of the seqs (bigint as text), highest first. */
export function newestFirst(seqs: string[], count: number): string[] {
  return seqs
    .map(BigInt)
    .sort((a, b) => (a < b ? 1 : a > b ? -1 : 0))
    .slice(0, count)
    .map(String);
}
