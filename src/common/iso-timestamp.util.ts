/** `2023-02-22T12:00:00Z`, `2023-02-22T12:00Z`, `2023-02-22T12:00:00.123+08:00`: date, time and zone. */
const ISO_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/**
 * Whether a query value is the one timestamp format the API takes: ISO 8601 with a full date,
 * hours and minutes (seconds and up to six fraction digits optional) and a zone (`Z` or
 * `+hh:mm`). Each part is range-checked, so whatever passes, PostgreSQL reads the same way.
 */
export function isIsoTimestamp(value: unknown): boolean {
  if (typeof value !== 'string') {
    return false;
  }
  const match = ISO_TIMESTAMP.exec(value);
  if (!match) {
    return false;
  }
  const [year, month, day, hour, minute, second = '0', zoneHours = '0', zoneMinutes = '0'] = match.slice(1).map((part) => part ?? undefined);
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return (
    Number(year) >= 1 &&
    date.getUTCFullYear() === Number(year) &&
    date.getUTCMonth() === Number(month) - 1 &&
    date.getUTCDate() === Number(day) &&
    Number(hour) <= 23 &&
    Number(minute) <= 59 &&
    Number(second) <= 59 &&
    Number(zoneHours) <= 15 &&
    Number(zoneMinutes) <= 59
  );
}
