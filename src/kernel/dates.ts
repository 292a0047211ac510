/**
 * Calendar dates are ISO strings `YYYY-MM-DD` with no time zone: a due date is a day in the
 * organisation's or customer's calendar, not an instant. Arithmetic goes through UTC so DST never
 * shifts a day.
 */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

// A dunning run asks about the same hundred-odd days millions of times (level dates of a million
// invoices, dates in every message); going through Date costs about a microsecond a call. Valid
// dates and their day numbers (days since 1970-01-01) are cached both ways, bounded.
const dayNumbers = new Map<string, number>();
const dayTexts = new Map<number, string>();
const DAY_CACHE_SIZE = 50_000;

/** Days since 1970-01-01 of a valid ISO date, else undefined (2026-02-30, 2026-2-3, not a string). */
function dayNumber(text: string): number | undefined {
  const cached = dayNumbers.get(text);
  if (cached !== undefined) return cached;
  const m = ISO_DATE.exec(text);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(ms).toISOString().slice(0, 10) !== text) return undefined;
  if (dayNumbers.size >= DAY_CACHE_SIZE) dayNumbers.clear();
  dayNumbers.set(text, ms / DAY_MS);
  return ms / DAY_MS;
}

function dayText(day: number): IsoDate {
  let text = dayTexts.get(day);
  if (text === undefined) {
    text = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (dayTexts.size >= DAY_CACHE_SIZE) dayTexts.clear();
    dayTexts.set(day, text);
  }
  return text;
}

/** Days since 1970-01-01: for loops over a million dates that compare and add plain numbers. */
export function toDayNumber(date: IsoDate): number {
  const day = dayNumber(date);
  if (day === undefined) throw new Error(`not a date: ${date}`);
  return day;
}

/** The ISO date of a day number (see toDayNumber). */
export function fromDayNumber(day: number): IsoDate {
  if (!Number.isSafeInteger(day)) throw new Error(`not a day number: ${day}`);
  return dayText(day);
}

export function isIsoDate(text: string): boolean {
  return dayNumber(text) !== undefined;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const day = dayNumber(date);
  if (day === undefined) throw new Error(`not a date: ${date}`);
  if (Number.isInteger(days)) return dayText(day + days);
  // Fractions (and NaN) keep Date.UTC's own handling: truncated, or an invalid date that throws.
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  // Date.parse alone would accept 2026-02-30 (as 2026-03-02).
  const a = dayNumber(from);
  const b = dayNumber(to);
  if (a === undefined || b === undefined) throw new Error(`not a date: ${from} / ${to}`);
  return b - a;
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
