/** Zones already checked: a client sends the same one with every message. */
const known = new Map<string, boolean>();

/** True for an IANA time zone the runtime knows ("America/Bogota", "UTC"). */
export function isTimeZone(value: string): boolean {
  let valid = known.get(value);
  if (valid === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: value });
      valid = value.length <= 64 && /^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(value);
    } catch {
      valid = false;
    }
    if (known.size < 1000) known.set(value, valid);
  }
  return valid;
}
