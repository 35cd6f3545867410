import { createHash } from 'node:crypto';

/**
 * The vendor's request signature (the `sign` header): the `nonce` header and every request
 * parameter sorted by name in ASCII order, name and value concatenated for each value that is not
 * blank, the account's API password appended, then the MD5 in lowercase hex. Blank values are
 * left out as the vendor's reference implementation does (it skips whitespace-only ones too).
 */
export function vendorSignature(signed: Record<string, string | undefined>, password: string): string {
  const names = Object.keys(signed).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const text = names
    .filter((name) => name !== 'sign' && (signed[name] ?? '').trim() !== '')
    .map((name) => `${name}${signed[name] as string}`)
    .join('');
  return createHash('md5')
    .update(text + password, 'utf8')
    .digest('hex');
}
