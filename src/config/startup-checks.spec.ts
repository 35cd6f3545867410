import { describeDatabaseFailure } from './startup-checks';

const URL = 'postgres://webhooks:s3cret-password@db.internal:6543/events';

function failure(code: string | undefined, message = 'boom'): Error & { code?: string } {
  return Object.assign(new Error(message), { code });
}

describe(describeDatabaseFailure.name, () => {
  it.each([
    ['ECONNREFUSED', 'Cannot reach PostgreSQL at db.internal:6543: connection refused'],
    ['ENOTFOUND', 'the host name does not resolve'],
    ['ETIMEDOUT', 'no answer (ETIMEDOUT)'],
    ['28P01', 'refused the user "webhooks"'],
    ['3D000', 'has no database "events"'],
    ['XX000', 'could not be used (XX000)'],
  ])('names host:port and says what to check for %s', (code, expected) => {
    const sut = describeDatabaseFailure(URL, failure(code));
    expect(sut).toContain(expected);
    expect(sut).toMatch(/DATABASE_URL/);
    expect(sut).not.toContain('s3cret-password');
  });

  it("reads pg's connection timeout as no answer, and defaults the port to 5432", () => {
    expect(describeDatabaseFailure('postgres://u:p@db/x', failure(undefined, 'timeout expired'))).toBe(
      'Cannot reach PostgreSQL at db:5432: no answer within 5 s. Check DATABASE_URL and the network between them',
    );
  });
});
