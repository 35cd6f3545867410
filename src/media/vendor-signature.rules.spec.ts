import { vendorSignature } from './vendor-signature.rules';

describe(vendorSignature.name, () => {
  it("signs a media download as the vendor's rule says", () => {
    // Sorted by name: accountName, nonce, wabaId; the string to hash is then
    // "accountNameIW123456" + "nonce123456" + "wabaId10023456789" + "s3cret-pw", whose MD5 is:
    const sut = vendorSignature({ wabaId: '10023456789', nonce: '123456', accountName: 'IW123456' }, 's3cret-pw');
    expect(sut).toBe('e62ec8fa092733257cdc70d82c11f4c3');
  });

  it('sorts in ASCII order (capitals first) and leaves out blank values and the sign itself', () => {
    // "Zulu" < "alpha" < "blank" < "empty" < "nonce" < "sign"; blank and empty values are skipped:
    // "Zuluaccount_name_is_not_used" + "alphaA" + "nonce42" + "s3cret-pw".
    const sut = vendorSignature({ nonce: '42', alpha: 'A', empty: '', blank: '  ', Zulu: 'account_name_is_not_used', sign: 'old' }, 's3cret-pw');
    expect(sut).toBe('e31bb6446329085e5b7611564dd503c3');
  });

  it('changes with the password', () => {
    const params = { nonce: '1', accountName: 'IW1', wabaId: '2' };
    expect(vendorSignature(params, 'a')).not.toBe(vendorSignature(params, 'b'));
    expect(vendorSignature(params, 'a')).toMatch(/^[0-9a-f]{32}$/);
  });
});
