import Holidays, { type HolidaysTypes } from 'date-holidays';
import { addDays, type IsoDate, isIsoDate } from '../kernel/dates.ts';
import type { SendWindow } from './model.ts';
import { isLocalTime, isoWeekday, localParts, parseInstant, zonedTimeToInstant } from './zoned-time.ts';

export { isoWeekday, type LocalParts, localParts, type Weekday, zonedTimeToInstant } from './zoned-time.ts';

/**
 * Business days and public holidays per country. Countries are ISO 3166-1 alpha-2 codes
 * (case-insensitive). Only holidays of type `public` in date-holidays count: observances, bank
 * holidays and optional days (German Christmas Eve afternoon, Norwegian Christmas Eve, Dutch
 * Liberation Day) are business days.
 *
 * Implementations must answer the same question the same way for their whole life: results derived
 * from a calendar are cached per calendar object.
 */
export interface Calendar {
  isHoliday(date: IsoDate, country: string): boolean;
  /** English name, names joined with ` / ` when two fall on one day; null on other days. */
  holidayName(date: IsoDate, country: string): string | null;
  /** Monday to Friday and not a public holiday. */
  isBusinessDay(date: IsoDate, country: string): boolean;
  /** `date` itself when it is a business day, else the first business day after it. */
  nextBusinessDay(date: IsoDate, country: string): IsoDate;
}

/**
 * Which date-holidays calendar stands for a country. Where a country's holidays differ by region,
 * Duly uses one calendar for the whole country:
 * - GB: England and Wales (Scotland and Northern Ireland have other bank holidays).
 * - DE: the nine national holidays only; a customer in Bavaria still gets mail on 6 January,
 *   Corpus Christi and 1 November, which are holidays only in some Länder.
 */
const REGION: Readonly<Record<string, string>> = Object.freeze({ GB: 'ENG' });

type Holiday = HolidaysTypes.Holiday;

let countries: Readonly<Record<string, string>> | undefined;
const knownCountries = () => {
  countries ??= new Holidays().getCountries();
  return countries;
};

// No calendar in the library ever runs a year without a business day; a year of searching means a bug.
const MAX_SEARCH_DAYS = 366;

/**
 * A calendar backed by date-holidays. Any country date-holidays knows gets its public holidays;
 * any other code (or `XX`, or an empty string) has weekends only. Holidays are computed once per
 * country and year and kept.
 *
 * @example createCalendar().isHoliday('2026-10-28', 'CZ') // true: Independent Czechoslovak State Day
 * @example createCalendar().nextBusinessDay('2026-12-24', 'CZ') // '2026-12-28'
 */
export function createCalendar(): Calendar {
  const libraries = new Map<string, Holidays | null>();
  const years = new Map<string, ReadonlyMap<IsoDate, string>>();
  // date-holidays takes 10-20 ms per country and year; each year is asked for twice (for itself and
  // for the holidays running over into the next).
  const lists = new Map<string, readonly Holiday[]>();

  function list(hd: Holidays, country: string, year: number): readonly Holiday[] {
    const key = `${country}:${year}`;
    let holidays = lists.get(key);
    if (!holidays) {
      holidays = hd.getHolidays(year, 'en').filter((h) => h.type === 'public');
      lists.set(key, holidays);
    }
    return holidays;
  }

  function library(country: string): Holidays | null {
    let hd = libraries.get(country);
    if (hd !== undefined) return hd;
    hd = null;
    // date-holidays would read `DE-BY` as a state and give unknown codes an empty calendar silently.
    if (/^[A-Z]{2}$/.test(country) && Object.hasOwn(knownCountries(), country)) {
      // timezone UTC: start and end then carry the holiday's own calendar days, whatever the host zone.
      const options = { languages: ['en'], timezone: 'UTC' };
      const region = REGION[country];
      hd = region ? new Holidays(country, region, options) : new Holidays(country, options);
    }
    libraries.set(country, hd);
    return hd;
  }

  function holidaysIn(country: string, year: number): ReadonlyMap<IsoDate, string> {
    const key = `${country}:${year}`;
    const cached = years.get(key);
    if (cached) return cached;
    const days = new Map<IsoDate, string>();
    const hd = library(country);
    // Last year's list too: a multi-day holiday can run over New Year.
    for (const h of hd ? [...list(hd, country, year - 1), ...list(hd, country, year)] : []) {
      // `date` is "2026-03-20 00:00:00 -0600" for a feast that starts at sunset the evening before;
      // its first ten characters are the day itself. A holiday that starts at noon (Iceland's
      // Christmas Eve) still takes the whole day: no reminders that day.
      const first = h.date.slice(0, 10);
      const length = Math.max(1, Math.ceil((h.end.getTime() - h.start.getTime()) / 86_400_000));
      for (let i = 0; i < length; i++) {
        const day = addDays(first, i);
        if (Number(day.slice(0, 4)) !== year) continue;
        const name = days.get(day);
        if (name === undefined) days.set(day, h.name);
        else if (!name.split(' / ').includes(h.name)) days.set(day, `${name} / ${h.name}`);
      }
    }
    years.set(key, days);
    return days;
  }

  function holidayName(date: IsoDate, country: string): string | null {
    if (!isIsoDate(date)) throw new RangeError(`not a date: ${date}`);
    return holidaysIn(country.toUpperCase(), Number(date.slice(0, 4))).get(date) ?? null;
  }

  const isHoliday = (date: IsoDate, country: string) => holidayName(date, country) !== null;
  const isBusinessDay = (date: IsoDate, country: string) =>
    isoWeekday(date) <= 5 && !isHoliday(date, country);

  function nextBusinessDay(date: IsoDate, country: string): IsoDate {
    for (let i = 0; i <= MAX_SEARCH_DAYS; i++) {
      const day = addDays(date, i);
      if (isBusinessDay(day, country)) return day;
    }
    throw new Error(`no business day within a year of ${date} in ${country}`);
  }

  return Object.freeze({ isHoliday, holidayName, isBusinessDay, nextBusinessDay });
}

/**
 * A due date on a weekend or public holiday moves to the next business day; the policy decides
 * whether overdue days are counted from the result (`Policy.shiftDueToBusinessDay`).
 *
 * @example shiftToBusinessDay('2026-10-03', 'DE', calendar) // '2026-10-05' (Saturday, German Unity Day)
 */
export function shiftToBusinessDay(due: IsoDate, country: string, calendar: Calendar): IsoDate {
  return calendar.nextBusinessDay(due, country);
}

/**
 * When a message may go out: `now` itself (in canonical form) if, on the customer's wall clock, it is
 * a window day that is not a public holiday of `country` and the time is in [start, end); otherwise
 * the start of the next such window. Window edges follow `zonedTimeToInstant`: a start inside a
 * spring-forward gap opens at the end of the gap, and in the repeated autumn hour the window ends
 * at the first occurrence of `end`. Windows cannot span midnight.
 *
 * @example
 * // Friday 17:30 in Prague (after the window) -> Monday 09:00 CET
 * nextSendInstant('2026-03-20T16:30:00Z', 'Europe/Prague', 'CZ', DEFAULT_WINDOW, calendar)
 * // '2026-03-23T08:00:00.000Z'
 */
export function nextSendInstant(
  now: string,
  timeZone: string,
  country: string,
  window: SendWindow,
  calendar: Calendar,
): string {
  const key = `${now} ${timeZone} ${country} ${window.start}-${window.end} ${window.days.join(',')}`;
  let cache = sendCache.get(calendar);
  if (!cache) {
    cache = new Map();
    sendCache.set(calendar, cache);
  }
  let at = cache.get(key);
  if (at === undefined) {
    at = firstSendInstant(now, timeZone, country, window, calendar);
    if (cache.size >= 10_000) cache.clear();
    cache.set(key, at);
  }
  return at;
}

// A run asks the same question (its own `now`, the same zone and window) for every customer.
const sendCache = new WeakMap<Calendar, Map<string, string>>();

function firstSendInstant(
  now: string,
  timeZone: string,
  country: string,
  window: SendWindow,
  calendar: Calendar,
): string {
  assertWindow(window);
  const t = parseInstant(now);
  // From the day before: where a window start falls into a midnight gap, the window of the previous
  // date can open after the wall clock has already turned to the next date.
  const today = localParts(now, timeZone).date;
  for (let i = -1; i <= MAX_SEARCH_DAYS; i++) {
    const day = addDays(today, i);
    if (!window.days.includes(isoWeekday(day)) || calendar.isHoliday(day, country)) continue;
    const end = Date.parse(zonedTimeToInstant(day, window.end, timeZone));
    if (t >= end) continue;
    const start = Date.parse(zonedTimeToInstant(day, window.start, timeZone));
    return new Date(Math.max(t, start)).toISOString();
  }
  throw new Error(`no sending window within a year of ${now} in ${country}`);
}

/**
 * The customer's (or organisation's) calendar date of a run at `now`: the `asOf` the planner gets.
 *
 * @example runDateFor('2026-12-31T23:30:00Z', 'Europe/Prague') // '2027-01-01'
 */
export function runDateFor(now: string, timeZone: string): IsoDate {
  return localParts(now, timeZone).date;
}

function assertWindow(window: SendWindow): void {
  const { start, end, days } = window;
  if (!isLocalTime(start) || !isLocalTime(end) || start >= end) {
    throw new RangeError(`send window must be HH:MM-HH:MM within one day, got ${start}-${end}`);
  }
  if (days.length === 0 || !days.every((d) => Number.isInteger(d) && d >= 1 && d <= 7)) {
    throw new RangeError(`send window days must be ISO weekdays 1-7, got [${days.join(', ')}]`);
  }
}
