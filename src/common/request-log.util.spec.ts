import { acceptableRequestId, redactSecretQuery } from './request-log.util';

describe(redactSecretQuery.name, () => {
  it('replaces the values of secret-looking parameters, whatever their case or encoding', () => {
    expect(redactSecretQuery('/events?token=abc&limit=5&API_KEY=x&pass%77ord=p&access_token&q=key')).toBe(
      '/events?token=[REDACTED]&limit=5&API_KEY=[REDACTED]&pass%77ord=[REDACTED]&access_token=[REDACTED]&q=key',
    );
  });

  it('leaves URLs without secrets alone', () => {
    expect(redactSecretQuery('/messages?status=read&wabaId=1')).toBe('/messages?status=read&wabaId=1');
    expect(redactSecretQuery('/health')).toBe('/health');
  });
});

describe(acceptableRequestId.name, () => {
  it('accepts short plain ids', () => {
    expect(acceptableRequestId('trace-me_42.a')).toBe('trace-me_42.a');
  });

  it.each([['x'.repeat(65)], ['has space'], ['new\nline'], [''], [undefined], [['a', 'b']]])('refuses %j', (value) => {
    expect(acceptableRequestId(value)).toBeUndefined();
  });
});
