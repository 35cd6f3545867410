const ZONED = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?(Z|[+-]\d{2}:?\d{2})?$/i;

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Building a formatter costs far more than using one: one per zone, kept. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Offset of `timeZone` from UTC, in minutes, at the instant `utcMillis`. */
function zoneOffsetMinutes(utcMillis: number, timeZone: string): number {
  if (timeZone === 'UTC') {
    return 0;
  }
  const parts = formatterFor(timeZone).formatToParts(new Date(utcMillis));
  const field = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  const asUtc = Date.UTC(field('year'), field('month') - 1, field('day'), field('hour'), field('minute'), field('second'));
  return Math.round((asUtc - Math.floor(utcMillis / 1000) * 1000) / 60000);
}

/**
 * Reads the vendor's event times: `2023-02-22 12:00:00` (no zone: read in `timeZone`)
 * and ISO 8601 such as `2023-02-22T12:00:00.000Z`. Returns undefined for anything else,
 * including impossible dates like February 30th.
 */
export function parseEventTime(value: string, timeZone: string): Date | undefined {
  const match = ZONED.exec(value.trim());
  if (!match) {
    return undefined;
  }
  const [, year, month, day, hour, minute, second = '0', fraction = '0', zone] = match;
  const millis = Math.floor(Number(fraction.padEnd(3, '0').slice(0, 3)));
  const wallClock = Date.UTC(+year, +month - 1, +day, +hour, +minute, +second, millis);
  const check = new Date(wallClock);
  if (
    check.getUTCFullYear() !== +year ||
    check.getUTCMonth() !== +month - 1 ||
    check.getUTCDate() !== +day ||
    check.getUTCHours() !== +hour ||
    check.getUTCMinutes() !== +minute ||
    check.getUTCSeconds() !== +second
  ) {
    return undefined;
  }
  if (zone) {
    return new Date(wallClock - zoneOffsetFromSuffix(zone) * 60000);
  }
  // The offset depends on the instant itself (daylight saving), so correct once more after the first guess.
  const firstGuess = wallClock - zoneOffsetMinutes(wallClock, timeZone) * 60000;
  return new Date(wallClock - zoneOffsetMinutes(firstGuess, timeZone) * 60000);
}

function zoneOffsetFromSuffix(zone: string): number {
  if (zone.toUpperCase() === 'Z') {
    return 0;
  }
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
}
