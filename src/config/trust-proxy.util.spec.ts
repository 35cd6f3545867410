import { parseTrustProxy } from './trust-proxy.util';

describe(parseTrustProxy.name, () => {
  it('trusts no proxy by default', () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('')).toBe(false);
    expect(parseTrustProxy('false')).toBe(false);
  });

  it('reads a hop count', () => {
    expect(parseTrustProxy('1')).toBe(1);
    expect(parseTrustProxy('2')).toBe(2);
  });

  it('reads a list of addresses, ranges and range names', () => {
    expect(parseTrustProxy('10.0.0.1, 192.168.0.0/16,::1,fd00::/8,loopback')).toEqual(['10.0.0.1', '192.168.0.0/16', '::1', 'fd00::/8', 'loopback']);
  });

  it.each(['true', 'yes', '10.0.0.0/33', '300.1.1.1', '10.0.0.1/8/2', 'proxy.example.com', '1000'])('refuses %s', (value) => {
    expect(parseTrustProxy(value)).toBeUndefined();
  });
});
