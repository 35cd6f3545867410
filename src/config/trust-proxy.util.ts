import { isIP } from 'node:net';

/** What Fastify's `trustProxy` option takes, as the TRUST_PROXY setting allows it. */
export type TrustProxy = false | number | string[];

/** proxy-addr's names for address ranges. */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrRange(item: string): boolean {
  if (RANGE_NAMES.has(item)) {
    return true;
  }
  const [address, prefix, ...rest] = item.split('/');
  if (rest.length > 0 || isIP(address) === 0) {
    return false;
  }
  if (prefix === undefined) {
    return true;
  }
  const bits = isIP(address) === 4 ? 32 : 128;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= bits;
}

/**
 * Reads TRUST_PROXY: unset, empty or `false` trusts no proxy (the client address is the
 * socket's); a whole number trusts that many proxy hops; otherwise a comma-separated list of
 * proxy addresses and CIDR ranges. Undefined when the value is none of these. `true` (trust
 * every hop) is refused: any client could then choose its own address.
 */
export function parseTrustProxy(value: string | undefined): TrustProxy | undefined {
  const text = value?.trim() ?? '';
  if (text === '' || text === 'false' || text === '0') {
    return false;
  }
  if (/^\d+$/.test(text)) {
    return Number(text) <= 100 ? Number(text) : undefined;
  }
  const items = text.split(',').map((item) => item.trim());
  return items.every(isAddressOrRange) ? items : undefined;
}
