import { InvalidEnvironmentError, loadEnvironment, MIN_SECRET_LENGTH } from './environment';

function problemsOf(source: Record<string, string>): string[] {
  try {
    loadEnvironment(source);
  } catch (error) {
    if (error instanceof InvalidEnvironmentError) {
      return error.problems;
    }
    throw error;
  }
  return [];
}

describe(loadEnvironment.name, () => {
  it('applies the documented defaults', () => {
    const sut = loadEnvironment({});
    expect(sut.PORT).toBe(3000);
    expect(sut.DATA_DIR).toBe('./.data');
    expect(sut.EVENT_TIME_ZONE).toBe('UTC');
    expect(sut.maxBodyBytes).toBe(1024 * 1024);
    expect(sut.DATABASE_URL).toBeUndefined();
    expect(sut.webhookCredentials).toEqual([]);
  });

  it('reads the forwarding schedule, failure window and concurrency, and refuses what is not a duration', () => {
    const defaults = loadEnvironment({});
    expect(defaults.forwardRetryDelaysMs).toEqual([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]);
    expect(defaults.forwardDisableAfterMs).toBe(5 * 24 * 3_600_000);
    expect(defaults.FORWARD_CONCURRENCY).toBe(4);
    expect(defaults.FORWARD_BUSY_SHARE).toBe(0.01);
    expect(loadEnvironment({ FORWARD_RETRY_DELAYS: '1s,2m', FORWARD_DISABLE_AFTER: '3s' }).forwardRetryDelaysMs).toEqual([1_000, 120_000]);
    expect(problemsOf({ FORWARD_RETRY_DELAYS: '0s,soon', FORWARD_DISABLE_AFTER: '5 days', FORWARD_CONCURRENCY: '0' })).toEqual([
      'FORWARD_RETRY_DELAYS must be a comma-separated list of durations such as 5s,5m,30m (got "0s,soon")',
      'FORWARD_DISABLE_AFTER must be a duration such as 90s, 15m, 24h or 30d (got "5 days")',
      'FORWARD_CONCURRENCY must be a whole number of at least 1 (got "0")',
    ]);
  });

  it('merges the single pair and the JSON list', () => {
    const sut = loadEnvironment({
      WEBHOOK_USERNAME: 'one',
      WEBHOOK_AUTHORIZATION: 'first-authorization',
      WEBHOOK_CREDENTIALS: '[{"username":"two","authorization":"second-authorization"}]',
    });
    expect(sut.webhookCredentials).toEqual([
      { username: 'one', authorization: 'first-authorization' },
      { username: 'two', authorization: 'second-authorization' },
    ]);
  });

  it('gives one line for each bad variable', () => {
    const problems = problemsOf({
      PORT: 'abc',
      DATABASE_URL: 'not a url',
      WEBHOOK_CREDENTIALS: '{"username":"a"}',
      EVENT_TIME_ZONE: 'Mars/Base',
      WEBHOOK_MAX_BODY: 'huge',
    });
    expect(problems).toHaveLength(5);
    expect(problems.find((line) => line.startsWith('PORT '))).toContain('"abc"');
    expect(problems.find((line) => line.startsWith('DATABASE_URL '))).toContain('postgres://');
    expect(problems.find((line) => line.startsWith('WEBHOOK_CREDENTIALS '))).toContain('JSON array');
    expect(problems.find((line) => line.startsWith('EVENT_TIME_ZONE '))).toContain('time zone');
    expect(problems.find((line) => line.startsWith('WEBHOOK_MAX_BODY '))).toContain('1mb');
  });

  it('trusts no proxy and keeps 10 conflicting versions by default, and reads both settings', () => {
    expect(loadEnvironment({}).trustProxy).toBe(false);
    expect(loadEnvironment({}).MAX_CONFLICT_VERSIONS).toBe(10);
    const sut = loadEnvironment({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1', MAX_CONFLICT_VERSIONS: '3' });
    expect(sut.trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1']);
    expect(sut.MAX_CONFLICT_VERSIONS).toBe(3);
    expect(loadEnvironment({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
  });

  it('refuses a TRUST_PROXY that trusts every hop, and a MAX_CONFLICT_VERSIONS out of range', () => {
    const problems = problemsOf({ TRUST_PROXY: 'true', MAX_CONFLICT_VERSIONS: '0' });
    expect(problems.find((line) => line.startsWith('TRUST_PROXY '))).toContain('hops');
    expect(problems.find((line) => line.startsWith('MAX_CONFLICT_VERSIONS '))).toContain('1 to 1000');
  });

  it('runs one process unless WORKERS asks for more, from 1 to 64', () => {
    expect(loadEnvironment({}).WORKERS).toBe(1);
    expect(loadEnvironment({ WORKERS: '4' }).WORKERS).toBe(4);
    for (const bad of ['0', '65', '1.5', 'all']) {
      expect(problemsOf({ WORKERS: bad }).find((line) => line.startsWith('WORKERS '))).toContain('1 to 64');
    }
  });

  it('checks handler transactions everywhere but in production', () => {
    expect(loadEnvironment({}).checksHandlerTransactions).toBe(true);
    expect(loadEnvironment({ NODE_ENV: 'test' }).checksHandlerTransactions).toBe(true);
    expect(loadEnvironment({ NODE_ENV: 'production' }).checksHandlerTransactions).toBe(false);
  });

  it('never echoes a secret value in its complaint', () => {
    const problems = problemsOf({ DATABASE_URL: 'mysql://user:hunter2@db/x', WEBHOOK_CREDENTIALS: '[{"username":"u","authorization":""}]' });
    expect(problems).toHaveLength(2);
    expect(problems.join('\n')).not.toContain('hunter2');
  });

  it('wants both halves of the single credential pair', () => {
    expect(problemsOf({ WEBHOOK_USERNAME: 'only-name' })).toEqual([expect.stringMatching(/^WEBHOOK_AUTHORIZATION must be set together/)]);
  });

  it('keeps events 30 days, ids 7 days and domain data forever unless told otherwise', () => {
    const sut = loadEnvironment({});
    expect(sut.eventRetentionMs).toBe(30 * 86_400_000);
    expect(sut.dedupeWindowMs).toBe(7 * 86_400_000);
    expect(sut.inboundRetentionMs).toBe('forever');
    expect(sut.messageRetentionMs).toBe('forever');
    expect(loadEnvironment({ EVENT_RETENTION: '12w', MESSAGE_RETENTION: '400d' }).messageRetentionMs).toBe(400 * 86_400_000);
  });

  it('keeps the stats per minute 30 days and per hour 400 days unless told otherwise', () => {
    expect(loadEnvironment({})).toMatchObject({ statsMinuteRetentionMs: 30 * 86_400_000, statsHourRetentionMs: 400 * 86_400_000 });
    expect(loadEnvironment({ STATS_MINUTE_RETENTION: '2d', STATS_HOUR_RETENTION: 'forever' })).toMatchObject({
      statsMinuteRetentionMs: 2 * 86_400_000,
      statsHourRetentionMs: 'forever',
    });
    expect(problemsOf({ STATS_MINUTE_RETENTION: 'a while' }).map((line) => line.split(' ')[0])).toEqual(['STATS_MINUTE_RETENTION']);
  });

  it('lets retention keep the database busy a quarter of the time unless RETENTION_BUSY_PERCENT says otherwise, 1 to 100', () => {
    expect(loadEnvironment({}).retentionBusyShare).toBe(0.25);
    expect(loadEnvironment({ RETENTION_BUSY_PERCENT: '10' }).retentionBusyShare).toBe(0.1);
    for (const value of ['0', '101', '12.5', 'half']) {
      expect(problemsOf({ RETENTION_BUSY_PERCENT: value })).toEqual([expect.stringMatching(/^RETENTION_BUSY_PERCENT must be a whole number from 1 to 100/)]);
    }
  });

  it('refuses a dedupe window shorter than the 7 days the vendor retries, and retention under a day', () => {
    const problems = problemsOf({ DEDUPE_WINDOW: '6d', EVENT_RETENTION: '12h', INBOUND_RETENTION: 'never', MAINTENANCE_INTERVAL: '2d' });
    expect(problems.map((line) => line.split(' ')[0]).sort()).toEqual(['DEDUPE_WINDOW', 'EVENT_RETENTION', 'INBOUND_RETENTION', 'MAINTENANCE_INTERVAL']);
    expect(problems.find((line) => line.startsWith('DEDUPE_WINDOW '))).toContain('at least 7d');
  });

  it('takes LOG_LEVEL and LOG_FORMAT from their lists only', () => {
    expect(loadEnvironment({}).LOG_LEVEL).toBe('info');
    expect(loadEnvironment({}).LOG_FORMAT).toBe('auto');
    expect(loadEnvironment({ LOG_LEVEL: 'debug', LOG_FORMAT: 'pretty' })).toMatchObject({ LOG_LEVEL: 'debug', LOG_FORMAT: 'pretty' });
    expect(problemsOf({ LOG_LEVEL: 'bogus', LOG_FORMAT: 'xml' })).toEqual([
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "bogus")',
      'LOG_FORMAT must be one of auto, json, pretty (got "xml")',
    ]);
  });

  it('counts an empty variable as unset', () => {
    const sut = loadEnvironment({ PORT: '', DATA_DIR: '', WEBHOOK_USERNAME: '', WEBHOOK_AUTHORIZATION: '', API_TOKEN: '', LOG_LEVEL: '' });
    expect(sut.PORT).toBe(3000);
    expect(sut.DATA_DIR).toBe('./.data');
    expect(sut.API_TOKEN).toBeUndefined();
    expect(sut.LOG_LEVEL).toBe('info');
    expect(sut.webhookCredentials).toEqual([]);
  });

  it(`wants every configured secret at least ${MIN_SECRET_LENGTH} characters long, without echoing it`, () => {
    const short = 'x'.repeat(MIN_SECRET_LENGTH - 1);
    const problems = problemsOf({
      WEBHOOK_USERNAME: 'vendor',
      WEBHOOK_AUTHORIZATION: short,
      API_TOKEN: short,
      WEBHOOK_CREDENTIALS: JSON.stringify([{ username: 'two', authorization: short }]),
    });
    expect(problems.map((line) => line.split(' ')[0]).sort()).toEqual(['API_TOKEN', 'WEBHOOK_AUTHORIZATION', 'WEBHOOK_CREDENTIALS']);
    expect(problems.join('\n')).not.toContain(short);
    expect(problemsOf({ API_TOKEN: 'x'.repeat(MIN_SECRET_LENGTH) })).toEqual([]);
  });

  it('accepts postgres URLs with credentials and ports', () => {
    expect(problemsOf({ DATABASE_URL: 'postgres://app:secret@127.0.0.1:5432/webhooks' })).toEqual([]);
  });

  it('reads the media settings, with their defaults', () => {
    const defaults = loadEnvironment({ DATA_DIR: '/var/lib/receiver' });
    expect(defaults.vendorApiPasswords.size).toBe(0);
    expect(defaults.mediaAllowedHosts).toEqual(['waapi.tig253.com']);
    expect(defaults.mediaMaxBytes).toBe(100 * 1024 * 1024);
    expect(defaults.mediaDir).toBe('/var/lib/receiver/media');
    expect(defaults.mediaGiveUpAfterMs).toBe(24 * 3600 * 1000);
    const sut = loadEnvironment({
      VENDOR_API_PASSWORDS: '{"IW100001":"pw-1","IW100002":"pw-2"}',
      MEDIA_ALLOWED_HOSTS: 'Media.Example.com, 127.0.0.1:8080',
      MEDIA_DIR: '/mnt/media',
      MEDIA_GIVE_UP_AFTER: '30d',
    });
    expect(sut.vendorApiPasswords.get('IW100002')).toBe('pw-2');
    expect(sut.mediaAllowedHosts).toEqual(['media.example.com', '127.0.0.1:8080']);
    expect(sut.mediaDir).toBe('/mnt/media');
    expect(sut.mediaGiveUpAfterMs).toBe(30 * 86_400_000);
  });

  it('refuses bad media settings without echoing a password', () => {
    const problems = problemsOf({
      VENDOR_API_PASSWORDS: '{"IW100001":"hunter2","IW100002":7}',
      MEDIA_ALLOWED_HOSTS: 'http://evil/',
      MEDIA_MAX_BYTES: 'lots',
      MEDIA_GIVE_UP_AFTER: 'forever',
    });
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).not.toContain('hunter2');
    expect(problems.find((line) => line.startsWith('MEDIA_GIVE_UP_AFTER '))).toContain('24h');
  });
});
