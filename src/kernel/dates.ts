/**
 * Calendar dates are ISO strings `YYYY-MM-DD` with no time zone: a due date is a day in the
 * organisation's or customer's calendar, not an instant. Arithmetic goes through UTC so DST never
 * shifts a day.
 */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  if (!isIsoDate(date)) throw new Error(`not a date: ${date}`);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  // Date.parse alone would accept 2026-02-30 (as 2026-03-02).
  if (!isIsoDate(from) || !isIsoDate(to)) throw new Error(`not a date: ${from} / ${to}`);
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  return Math.round((b - a) / 86_400_000);
}

/** The calendar date of an instant in a time zone (`Europe/Prague`). Used only by the shell. */
export function dateInZone(instant: Date, timeZone: string): IsoDate {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}

// Building an Intl.DateTimeFormat costs ~0.3 ms; imports validate the same few zones a million times.
const knownZones = new Map<string, boolean>();

export function isTimeZone(zone: string): boolean {
  const cached = knownZones.get(zone);
  if (cached !== undefined) return cached;
  let valid: boolean;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    valid = true;
  } catch {
    valid = false;
  }
  if (knownZones.size < 1000) knownZones.set(zone, valid);
  return valid;
}
