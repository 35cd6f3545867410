import { securityHeaders } from './security-headers';

describe(securityHeaders.name, () => {
  it("gives helmet's headers with a same-origin Content-Security-Policy that does not force HTTPS", () => {
    const sut = securityHeaders();
    expect(sut['X-Content-Type-Options']).toBe('nosniff');
    expect(sut['X-Frame-Options']).toBe('SAMEORIGIN');
    expect(sut['Referrer-Policy']).toBe('no-referrer');
    expect(sut['Content-Security-Policy']).toContain("default-src 'self'");
    expect(sut['Content-Security-Policy']).toContain("script-src 'self'");
    expect(sut['Content-Security-Policy']).not.toContain('upgrade-insecure-requests');
  });
});
