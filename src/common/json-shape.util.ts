export interface JsonLimits {
  /** Deepest nesting of objects and arrays accepted. */
  maxDepth: number;
  /** Most object keys accepted in the whole document. */
  maxKeys: number;
}

export type JsonShapeProblem = { code: 'json_too_deep' | 'json_too_many_keys'; message: string };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;

/**
 * Checks the nesting depth and the key count of JSON text in one pass over its characters,
 * before anything parses it, so a hostile shape costs time linear in its size and no stack.
 * Malformed text is left for the parser to refuse; a key is counted at the colon after it.
 */
export function jsonShapeProblem(text: string, limits: JsonLimits): JsonShapeProblem | undefined {
  let depth = 0;
  let keys = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === BACKSLASH) {
        index++;
      } else if (char === QUOTE) {
        inString = false;
      }
    } else if (char === QUOTE) {
      inString = true;
    } else if (char === OPEN_OBJECT || char === OPEN_ARRAY) {
      if (++depth > limits.maxDepth) {
        return { code: 'json_too_deep', message: `The JSON body nests more than ${limits.maxDepth} levels deep` };
      }
    } else if (char === CLOSE_OBJECT || char === CLOSE_ARRAY) {
      depth--;
    } else if (char === COLON && ++keys > limits.maxKeys) {
      return { code: 'json_too_many_keys', message: `The JSON body has more than ${limits.maxKeys} keys` };
    }
  }
  return undefined;
}
