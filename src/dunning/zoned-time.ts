import { type IsoDate, isIsoDate, isTimeZone } from '../kernel/dates.ts';

/**
 * Wall-clock time in a time zone, with Intl only (no tz library). Pure: the answers depend on the
 * arguments and on the ICU time-zone data shipped with Node, never on the host's own zone.
 *
 * Instants are ISO strings with an explicit `Z` or offset; results are canonical
 * `Date#toISOString()` strings (`2026-03-27T08:00:00.000Z`), the form the shell's clock produces.
 */

/** ISO weekday, Monday = 1 ... Sunday = 7. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface LocalParts {
  readonly date: IsoDate;
  /** `HH:MM`, seconds dropped (08:59:59 is `08:59`). */
  readonly time: string;
  readonly weekday: Weekday;
}

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;
// A local date-time ("2026-03-27T10:00") would be read in the host's zone: refuse it.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const DAY_MS = 86_400_000;

export function isLocalTime(text: string): boolean {
  return HH_MM.test(text);
}

/** Milliseconds since the epoch; throws on anything but an ISO instant with `Z` or an offset. */
export function parseInstant(instant: string): number {
  const ms = INSTANT.test(instant) ? Date.parse(instant) : Number.NaN;
  if (!Number.isFinite(ms)) throw new RangeError(`not an ISO instant with Z or offset: ${instant}`);
  return ms;
}

/** `isoWeekday('2026-03-29')` is 7 (a Sunday). */
export function isoWeekday(date: IsoDate): Weekday {
  if (!isIsoDate(date)) throw new RangeError(`not a date: ${date}`);
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return (day === 0 ? 7 : day) as Weekday;
}

// Building an Intl.DateTimeFormat costs ~0.3 ms; a run asks the same few zones thousands of times.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f) return f;
  if (!isTimeZone(timeZone)) throw new RangeError(`unknown time zone: ${timeZone}`);
  f = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  if (formatters.size < 1000) formatters.set(timeZone, f);
  return f;
}

// `en-US` with these options prints "03/29/2026, 03:00:00"; parsing that string is three times
// faster than formatToParts, and a run converts the same windows for thousands of customers.
const WALL = /^(\d{2})\/(\d{2})\/(\d{1,4}), (\d{2}):(\d{2}):(\d{2})$/;
// en-US drops the era, so year 1 BC would print as year 1.
const FIRST_MS = Date.parse('0001-01-02T00:00:00Z');
const LAST_MS = Date.parse('9999-12-30T00:00:00Z');

/** The wall clock at `ms`, as milliseconds of the same reading taken as UTC (whole seconds). */
function wallClock(ms: number, timeZone: string): number {
  if (!(ms >= FIRST_MS && ms <= LAST_MS)) {
    throw new RangeError(`instant out of range (years 1-9999): ${ms}`);
  }
  const m = WALL.exec(formatter(timeZone).format(ms));
  if (!m) throw new Error(`unexpected Intl output for ${timeZone}`);
  const hour = Number(m[4]);
  // Some ICU versions print midnight as hour 24 of the same day.
  return utc(Number(m[3]), Number(m[1]), Number(m[2]), hour === 24 ? 0 : hour, Number(m[5]), Number(m[6]));
}

function utc(y: number, mo: number, d: number, h: number, mi: number, s = 0): number {
  const t = new Date(Date.UTC(2000, mo - 1, d, h, mi, s));
  t.setUTCFullYear(y); // Date.UTC maps years 0-99 to 1900-1999
  return t.getTime();
}

/** Offset of the zone from UTC at `ms`, in milliseconds (Prague in winter: 3,600,000). */
function offsetAt(ms: number, timeZone: string): number {
  return wallClock(ms, timeZone) - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant at which the wall clock in `timeZone` shows `time` on `date`.
 * A time skipped by a spring-forward gap resolves to the first instant after the gap; a time that
 * occurs twice in autumn resolves to its first occurrence.
 *
 * @example zonedTimeToInstant('2026-01-15', '09:00', 'Europe/Prague') // '2026-01-15T08:00:00.000Z'
 * @example zonedTimeToInstant('2026-03-29', '02:30', 'Europe/Prague') // '2026-03-29T01:00:00.000Z' (03:00 CEST)
 * @example zonedTimeToInstant('2026-10-25', '02:30', 'Europe/Prague') // '2026-10-25T00:30:00.000Z' (CEST, not CET)
 */
export function zonedTimeToInstant(date: IsoDate, time: string, timeZone: string): string {
  const key = `${timeZone} ${date} ${time}`;
  let instant = instants.get(key);
  if (instant === undefined) {
    instant = resolve(date, time, timeZone);
    // Bounded: a long-running server sees new dates every day.
    if (instants.size >= 10_000) instants.clear();
    instants.set(key, instant);
  }
  return instant;
}

// A run asks for the same window edges (zone, date, time) for every customer in a zone.
const instants = new Map<string, string>();

function resolve(date: IsoDate, time: string, timeZone: string): string {
  if (!isIsoDate(date)) throw new RangeError(`not a date: ${date}`);
  const m = HH_MM.exec(time);
  if (!m) throw new RangeError(`not a local time HH:MM: ${time}`);
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const local = utc(y, mo, d, Number(m[1]), Number(m[2]));

  // Offsets never exceed +-14 h, so the instant lies within a day of `local`; a day either side
  // brackets at most one transition (no zone has had two within 48 hours).
  const before = offsetAt(local - DAY_MS, timeZone);
  // On most days the offset of the day before holds. When the clocks went back, it gives the first
  // of the two readings, as wanted; when they went forward, no time occurs twice.
  if (offsetAt(local - before, timeZone) === before) return new Date(local - before).toISOString();
  const after = offsetAt(local + DAY_MS, timeZone);
  if (offsetAt(local - after, timeZone) === after) return new Date(local - after).toISOString();

  // In the gap: at `local - after` the old offset still holds, at `local - before` the new one does.
  // Find the transition, to the second.
  let lo = (local - after) / 1000;
  let hi = (local - before) / 1000;
  if (!(lo < hi)) throw new Error(`no instant for ${date} ${time} in ${timeZone}`);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(mid * 1000, timeZone) === before) lo = mid;
    else hi = mid;
  }
  return new Date(hi * 1000).toISOString();
}

/**
 * Date, time and weekday of an instant on the wall clock in `timeZone`.
 *
 * @example localParts('2026-01-15T23:30:00Z', 'Europe/Oslo') // { date: '2026-01-16', time: '00:30', weekday: 5 }
 */
export function localParts(instant: string, timeZone: string): LocalParts {
  const wall = new Date(wallClock(parseInstant(instant), timeZone)).toISOString();
  const date = wall.slice(0, 10);
  return { date, time: wall.slice(11, 16), weekday: isoWeekday(date) };
}
