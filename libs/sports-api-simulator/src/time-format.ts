// Renders instants the way the ChatBet API does: "MM-DD HH:mm", no year, in the requested zone.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** IANA zone names are accepted; anything Intl does not know falls back to UTC (contract §11). */
export function resolveTimeZone(requested: string | undefined): string {
  if (!requested) return 'UTC';
  try {
    formatterFor(requested);
    return requested;
  } catch {
    return 'UTC';
  }
}

export function formatStartTime(instant: Date, timeZone: string): string {
  const parts = formatterFor(resolveTimeZone(timeZone)).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '00';
  return `${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}
