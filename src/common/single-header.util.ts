/**
 * The value of a header sent exactly once, from the raw header list; undefined when it is absent
 * or repeated. Node keeps only the first `Authorization` and joins repeated custom headers, so
 * credentials are read here, where "right, then wrong" cannot pass as right.
 */
export function singleHeader(rawHeaders: readonly string[], name: string): string | undefined {
  let found: string | undefined;
  let count = 0;
  for (let index = 0; index < rawHeaders.length - 1; index += 2) {
    if (rawHeaders[index].length === name.length && rawHeaders[index].toLowerCase() === name) {
      found = rawHeaders[index + 1];
      count++;
    }
  }
  return count === 1 ? found : undefined;
}
