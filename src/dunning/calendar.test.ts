import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../kernel/dates.ts';
import {
  createCalendar,
  localParts,
  nextSendInstant,
  runDateFor,
  shiftToBusinessDay,
  zonedTimeToInstant,
} from './calendar.ts';
import { DEFAULT_WINDOW, type SendWindow } from './model.ts';

const calendar = createCalendar();

/** Every public holiday of a year, as `MM-DD`, found by asking the calendar about each day. */
function holidays(country: string, year: number): string[] {
  const found: string[] = [];
  for (let day = `${year}-01-01`; day.startsWith(`${year}`); day = addDays(day, 1)) {
    if (calendar.isHoliday(day, country)) found.push(day.slice(5));
  }
  return found;
}

/** When a message due at `now` goes out; `now` is written as local time with its offset. */
const send = (now: string, timeZone = 'Europe/Prague', country = 'CZ', window: SendWindow = DEFAULT_WINDOW) =>
  nextSendInstant(now, timeZone, country, window, calendar);

const EVERY_DAY: readonly number[] = [1, 2, 3, 4, 5, 6, 7];

describe('public holidays, 2026', () => {
  it('Czechia: Good Friday and Easter Monday, 1 and 8 May, 5-6 July, 28 Sep, 28 Oct, 17 Nov, 24-26 Dec', () => {
    expect(holidays('CZ', 2026)).toEqual([
      '01-01', // Den obnovy samostatného českého státu / Nový rok
      '04-03', // Velký pátek (a public holiday since 2016)
      '04-06', // Velikonoční pondělí
      '05-01',
      '05-08', // Den vítězství
      '07-05', // Cyril a Metoděj (a Sunday)
      '07-06', // Jan Hus
      '09-28', // Den české státnosti
      '10-28', // Vznik samostatného československého státu
      '11-17', // Den boje za svobodu a demokracii
      '12-24',
      '12-25',
      '12-26',
    ]);
    expect(calendar.holidayName('2026-04-06', 'CZ')).toBe('Easter Monday');
    expect(calendar.holidayName('2026-04-05', 'CZ')).toBeNull(); // Easter Sunday: an observance only
  });

  it('Slovakia: 8 May, 1 Sep, 15 Sep and 17 Nov are working days in 2026 (consolidation laws of 2024 and 2025)', () => {
    expect(holidays('SK', 2026)).toEqual([
      '01-01',
      '01-06', // Zjavenie Pána
      '04-03',
      '04-06',
      '05-01',
      '07-05',
      '08-29', // SNP
      '11-01',
      '12-24',
      '12-25',
      '12-26',
    ]);
    expect(calendar.isBusinessDay('2026-05-08', 'SK')).toBe(true); // a holiday next door in Czechia
    expect(calendar.isBusinessDay('2026-05-08', 'CZ')).toBe(false);
    expect(calendar.isBusinessDay('2025-11-17', 'SK')).toBe(true); // first year without the day off
    expect(calendar.isHoliday('2025-09-15', 'SK')).toBe(true); // still a day off in 2025
  });

  it('Germany: the nine national holidays, none that only some Länder keep', () => {
    expect(holidays('DE', 2026)).toEqual([
      '01-01',
      '04-03',
      '04-06',
      '05-01',
      '05-14', // Christi Himmelfahrt
      '05-25', // Pfingstmontag
      '10-03', // Tag der Deutschen Einheit
      '12-25',
      '12-26',
    ]);
    expect(calendar.holidayName('2026-10-03', 'DE')).toBe('National Holiday');
    // Regional only: Epiphany (BW, BY, ST), Corpus Christi, Reformation Day, Buß- und Bettag (SN).
    for (const day of ['2026-01-06', '2026-06-04', '2026-10-31', '2026-11-18']) {
      expect(calendar.isHoliday(day, 'DE')).toBe(false);
    }
    // Christmas Eve afternoon is a "bank" holiday in date-holidays, not a public one.
    expect(calendar.isBusinessDay('2026-12-24', 'DE')).toBe(true);
  });

  it("Netherlands: King's Day 27 April, moved to Saturday 26 April when the 27th is a Sunday (2025)", () => {
    expect(holidays('NL', 2026)).toEqual([
      '01-01',
      '04-05',
      '04-06',
      '04-27',
      '05-14',
      '05-24',
      '05-25',
      '12-25',
      '12-26',
    ]);
    expect(calendar.holidayName('2026-04-27', 'NL')).toBe("King's Day");
    expect(calendar.holidayName('2025-04-26', 'NL')).toBe("King's Day");
    expect(calendar.isHoliday('2025-04-27', 'NL')).toBe(false);
    // Good Friday and Liberation Day are days off only under some collective agreements.
    expect(calendar.isBusinessDay('2026-04-03', 'NL')).toBe(true);
    expect(calendar.isBusinessDay('2026-05-05', 'NL')).toBe(true);
  });

  it('Norway: Maundy Thursday to Easter Monday, 17 May (a Sunday in 2026), Ascension, Whit Monday', () => {
    expect(holidays('NO', 2026)).toEqual([
      '01-01',
      '04-02', // skjærtorsdag
      '04-03',
      '04-05',
      '04-06',
      '05-01',
      '05-14',
      '05-17',
      '05-24',
      '05-25',
      '12-25',
      '12-26',
    ]);
    expect(calendar.holidayName('2026-05-17', 'NO')).toBe('Constitution Day');
    // 2027: Whit Monday falls on 17 May, one day with two names.
    expect(calendar.holidayName('2027-05-17', 'NO')).toBe('Constitution Day / Whit Monday');
    expect(calendar.isBusinessDay('2026-12-24', 'NO')).toBe(true); // julaften: not a public holiday
  });

  it('England and Wales: the eight bank holidays, Boxing Day (a Saturday) substituted on Monday 28 Dec', () => {
    expect(holidays('GB', 2026)).toEqual([
      '01-01',
      '04-03',
      '04-06',
      '05-04', // early May
      '05-25', // spring
      '08-31', // summer (Scotland has the first Monday of August instead)
      '12-25',
      '12-26',
      '12-28',
    ]);
    expect(calendar.holidayName('2026-12-28', 'GB')).toBe('Boxing Day (substitute day)');
    expect(calendar.isHoliday('2026-01-02', 'GB')).toBe(false); // Scotland only
  });

  it('country codes are case-insensitive; other countries date-holidays knows get their own holidays', () => {
    expect(calendar.isHoliday('2026-10-28', 'cz')).toBe(true);
    expect(calendar.holidayName('2026-07-14', 'FR')).not.toBeNull();
    expect(calendar.isHoliday('2026-12-08', 'AT')).toBe(true); // Mariä Empfängnis
  });

  it('an unknown country has weekends only', () => {
    for (const country of ['XX', '', 'DE-BY', 'UK']) {
      expect(calendar.isHoliday('2026-12-25', country)).toBe(false);
      expect(calendar.isBusinessDay('2026-12-25', country)).toBe(true); // a Friday
      expect(calendar.isBusinessDay('2026-12-26', country)).toBe(false); // a Saturday
    }
  });

  it('refuses an impossible date', () => {
    expect(() => calendar.isHoliday('2026-02-30', 'CZ')).toThrow(RangeError);
  });
});

describe('business days and due dates', () => {
  it('a due date on a business day stays', () => {
    expect(shiftToBusinessDay('2026-03-24', 'CZ', calendar)).toBe('2026-03-24');
  });

  it('a due date on Saturday 3 October (German Unity Day) moves to Monday 5 October', () => {
    expect(shiftToBusinessDay('2026-10-03', 'DE', calendar)).toBe('2026-10-05');
  });

  it('Czech Christmas: due 24 Dec 2026 (Thursday) moves past 25, 26 and the weekend to Monday 28 Dec', () => {
    expect(shiftToBusinessDay('2026-12-24', 'CZ', calendar)).toBe('2026-12-28');
  });

  it('English Christmas: due 25 Dec 2026 moves past Boxing Day and its substitute to Tuesday 29 Dec', () => {
    expect(shiftToBusinessDay('2026-12-25', 'GB', calendar)).toBe('2026-12-29');
  });

  it('year end: due Thursday 1 Jan 2026 moves to Friday 2 Jan; due Friday 1 Jan 2027 to Monday 4 Jan', () => {
    expect(shiftToBusinessDay('2026-01-01', 'CZ', calendar)).toBe('2026-01-02');
    expect(shiftToBusinessDay('2027-01-01', 'CZ', calendar)).toBe('2027-01-04');
  });

  it('Norwegian Easter: due Maundy Thursday 2 April 2026 moves to Tuesday 7 April', () => {
    expect(shiftToBusinessDay('2026-04-02', 'NO', calendar)).toBe('2026-04-07');
  });

  it('property: the next business day is one, and every day skipped is not', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3 * 365 - 10 }),
        fc.constantFrom('CZ', 'SK', 'DE', 'NL', 'NO', 'GB', 'XX'),
        (offset, country) => {
          const date = addDays('2025-01-01', offset);
          const next = calendar.nextBusinessDay(date, country);
          expect(next >= date).toBe(true);
          expect(calendar.isBusinessDay(next, country)).toBe(true);
          for (let day = date; day < next; day = addDays(day, 1)) {
            expect(calendar.isBusinessDay(day, country)).toBe(false);
          }
        },
      ),
    );
  });
});

describe('sending window (default: weekdays 09:00-17:00 local time)', () => {
  it('Tuesday 10:15 in Prague is inside the window: send now', () => {
    expect(send('2026-03-24T10:15+01:00')).toBe('2026-03-24T09:15:00.000Z');
  });

  it('Tuesday 03:00 in Prague waits for 09:00 the same day', () => {
    expect(send('2026-03-24T03:00+01:00')).toBe('2026-03-24T08:00:00.000Z');
  });

  it('09:00 sharp sends; 17:00 sharp waits for the next morning (the end is exclusive)', () => {
    expect(send('2026-03-24T09:00+01:00')).toBe('2026-03-24T08:00:00.000Z');
    expect(send('2026-03-24T16:59:59.999+01:00')).toBe('2026-03-24T15:59:59.999Z');
    expect(send('2026-03-24T17:00+01:00')).toBe('2026-03-25T08:00:00.000Z');
  });

  it('09:00 in Prague is 08:00Z in winter and 07:00Z in summer', () => {
    expect(send('2026-01-15T05:00:00Z')).toBe('2026-01-15T08:00:00.000Z');
    expect(send('2026-07-15T05:00:00Z')).toBe('2026-07-15T07:00:00.000Z');
  });

  it('Friday 17:30 in Prague goes Monday 09:00', () => {
    expect(send('2026-03-20T17:30+01:00')).toBe('2026-03-23T08:00:00.000Z');
  });

  it('Friday 17:30 before the clocks go forward goes Monday 09:00 CEST, an hour earlier in UTC', () => {
    expect(send('2026-03-27T17:30+01:00')).toBe('2026-03-30T07:00:00.000Z');
  });

  it('Friday 17:30 before the clocks go back goes Monday 09:00 CET', () => {
    expect(send('2026-10-23T17:30+02:00')).toBe('2026-10-26T08:00:00.000Z');
  });

  it('Friday 17:30 before St Wenceslas (Monday 28 Sep) goes Tuesday 09:00', () => {
    expect(send('2026-09-25T17:30+02:00')).toBe('2026-09-29T07:00:00.000Z');
  });

  it('Friday 17:30 before Jan Hus Day (Monday 6 July) goes Tuesday 09:00', () => {
    expect(send('2026-07-03T17:30+02:00')).toBe('2026-07-07T07:00:00.000Z');
  });

  it('Thursday before Easter: Good Friday, the weekend and Easter Monday pass; Tuesday 7 April 09:00', () => {
    expect(send('2026-04-02T17:30+02:00')).toBe('2026-04-07T07:00:00.000Z');
  });

  it('Christmas 2026 in Prague: nothing on 24-26 Dec, not even in window hours; Monday 28 Dec 09:00', () => {
    expect(send('2026-12-23T17:30+01:00')).toBe('2026-12-28T08:00:00.000Z');
    expect(send('2026-12-24T10:00+01:00')).toBe('2026-12-28T08:00:00.000Z');
    expect(send('2026-12-25T10:00+01:00')).toBe('2026-12-28T08:00:00.000Z');
  });

  it('year end: Thursday 31 Dec 2026 evening goes Monday 4 Jan 2027 (1 Jan a Friday holiday)', () => {
    expect(send('2026-12-31T17:30+01:00')).toBe('2027-01-04T08:00:00.000Z');
  });

  it('year end: Wednesday 31 Dec 2025 evening goes Friday 2 Jan 2026 (1 Jan a Thursday holiday)', () => {
    expect(send('2025-12-31T17:30+01:00')).toBe('2026-01-02T08:00:00.000Z');
  });

  it('a window that includes Saturday sends Friday evening mail on Saturday morning', () => {
    const weekdaysAndSaturday = { ...DEFAULT_WINDOW, days: [1, 2, 3, 4, 5, 6] };
    expect(send('2026-03-20T17:30+01:00', 'Europe/Prague', 'CZ', weekdaysAndSaturday)).toBe(
      '2026-03-21T08:00:00.000Z',
    );
  });

  it('every-day window on the spring-forward Sunday: 01:30 CET waits for 09:00 CEST (07:00Z)', () => {
    const everyDay = { ...DEFAULT_WINDOW, days: EVERY_DAY };
    expect(send('2026-03-29T01:30+01:00', 'Europe/Prague', 'CZ', everyDay)).toBe('2026-03-29T07:00:00.000Z');
  });

  it('every-day window on the fall-back Sunday: the second 02:30 (CET) waits for 09:00 CET (08:00Z)', () => {
    const everyDay = { ...DEFAULT_WINDOW, days: EVERY_DAY };
    expect(send('2026-10-25T02:30+01:00', 'Europe/Prague', 'CZ', everyDay)).toBe('2026-10-25T08:00:00.000Z');
  });

  it('a window opening inside the spring gap (02:30) opens at 03:00 CEST', () => {
    const night = { start: '02:30', end: '04:00', days: EVERY_DAY };
    expect(send('2026-03-29T01:00+01:00', 'Europe/Prague', 'CZ', night)).toBe('2026-03-29T01:00:00.000Z');
  });

  it('a window closing in the repeated autumn hour closes at the first 02:30', () => {
    const night = { start: '01:00', end: '02:30', days: EVERY_DAY };
    expect(send('2026-10-25T02:10+02:00', 'Europe/Prague', 'CZ', night)).toBe('2026-10-25T00:10:00.000Z');
    // 02:10 the second time round (CET) is past the close: the next night, 01:00 CET.
    expect(send('2026-10-25T02:10+01:00', 'Europe/Prague', 'CZ', night)).toBe('2026-10-26T00:00:00.000Z');
  });

  it('London: 24 Dec is a working day in England, then nothing until Tuesday 29 Dec', () => {
    expect(send('2026-12-23T17:30Z', 'Europe/London', 'GB')).toBe('2026-12-24T09:00:00.000Z');
    expect(send('2026-12-24T17:30Z', 'Europe/London', 'GB')).toBe('2026-12-29T09:00:00.000Z');
  });

  it('London in summer: Friday 17:30 BST before the August bank holiday goes Tuesday 09:00 BST (08:00Z)', () => {
    expect(send('2026-08-28T17:30+01:00', 'Europe/London', 'GB')).toBe('2026-09-01T08:00:00.000Z');
  });

  it('Oslo: Friday 14 May 2027 evening skips Monday 17 May (Constitution Day and Whit Monday)', () => {
    expect(send('2027-05-14T17:30+02:00', 'Europe/Oslo', 'NO')).toBe('2027-05-18T07:00:00.000Z');
  });

  it('Oslo: the Wednesday before Easter goes the Tuesday after (Maundy Thursday to Easter Monday)', () => {
    expect(send('2026-04-01T17:30+02:00', 'Europe/Oslo', 'NO')).toBe('2026-04-07T07:00:00.000Z');
  });

  it('Berlin: the evening before Ascension goes Friday 15 May', () => {
    expect(send('2026-05-13T17:30+02:00', 'Europe/Berlin', 'DE')).toBe('2026-05-15T07:00:00.000Z');
  });

  it("Amsterdam: Friday before King's Day (Monday 27 April) goes Tuesday 28 April", () => {
    expect(send('2026-04-24T17:30+02:00', 'Europe/Amsterdam', 'NL')).toBe('2026-04-28T07:00:00.000Z');
  });

  it('Bratislava: 8 May 2026 is a working day in Slovakia, unlike Prague', () => {
    expect(send('2026-05-07T17:30+02:00', 'Europe/Bratislava', 'SK')).toBe('2026-05-08T07:00:00.000Z');
    expect(send('2026-05-07T17:30+02:00', 'Europe/Prague', 'CZ')).toBe('2026-05-11T07:00:00.000Z');
  });

  it("the customer's wall clock decides, not UTC: Monday 03:00Z is Sunday evening in New York", () => {
    expect(runDateFor('2026-03-02T03:00:00Z', 'America/New_York')).toBe('2026-03-01');
    expect(send('2026-03-02T03:00:00Z', 'America/New_York', 'US')).toBe('2026-03-02T14:00:00.000Z');
  });

  it('refuses a window that is empty, spans midnight or names no weekday', () => {
    expect(() =>
      send('2026-03-24T10:00Z', 'Europe/Prague', 'CZ', { ...DEFAULT_WINDOW, end: '09:00' }),
    ).toThrow(RangeError);
    expect(() =>
      send('2026-03-24T10:00Z', 'Europe/Prague', 'CZ', { start: '22:00', end: '06:00', days: EVERY_DAY }),
    ).toThrow(RangeError);
    expect(() => send('2026-03-24T10:00Z', 'Europe/Prague', 'CZ', { ...DEFAULT_WINDOW, days: [] })).toThrow(
      RangeError,
    );
    expect(() => send('2026-03-24T10:00Z', 'Europe/Prague', 'CZ', { ...DEFAULT_WINDOW, days: [0] })).toThrow(
      RangeError,
    );
  });
});

describe('run dates', () => {
  it('the same instant near midnight is a different date in Oslo and in UTC', () => {
    expect(runDateFor('2026-01-15T23:30:00Z', 'Europe/Oslo')).toBe('2026-01-16');
    expect(runDateFor('2026-01-15T23:30:00Z', 'UTC')).toBe('2026-01-15');
  });

  it("New Year's Eve 23:30 UTC is already 1 January in Prague", () => {
    expect(runDateFor('2026-12-31T23:30:00Z', 'Europe/Prague')).toBe('2027-01-01');
    expect(runDateFor('2026-12-31T22:59:59Z', 'Europe/Prague')).toBe('2026-12-31');
  });
});

describe('sending window properties', () => {
  const ZONED_COUNTRIES = [
    ['Europe/Prague', 'CZ'],
    ['Europe/Bratislava', 'SK'],
    ['Europe/Berlin', 'DE'],
    ['Europe/Amsterdam', 'NL'],
    ['Europe/Oslo', 'NO'],
    ['Europe/London', 'GB'],
    ['America/Santiago', 'CL'],
    ['Australia/Lord_Howe', 'AU'],
    ['Asia/Kathmandu', 'XX'],
  ] as const;
  const instant = fc
    .integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 11, 20) })
    .map((ms) => new Date(ms).toISOString());
  const minuteOfDay = (m: number) => `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
  const window: fc.Arbitrary<SendWindow> = fc
    .tuple(
      fc.integer({ min: 0, max: 24 * 60 - 2 }),
      fc.integer({ min: 1, max: 24 * 60 - 1 }),
      fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
    )
    .map(([start, length, days]) => ({
      start: minuteOfDay(start),
      end: minuteOfDay(Math.min(start + length, 24 * 60 - 1)),
      days,
    }));

  it('never before now, always inside the window on a window day that is no holiday, and idempotent', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(...ZONED_COUNTRIES), window, (now, [zone, country], w) => {
        const at = nextSendInstant(now, zone, country, w, calendar);
        expect(Date.parse(at)).toBeGreaterThanOrEqual(Date.parse(now));
        const local = localParts(at, zone);
        expect(w.days).toContain(local.weekday);
        expect(calendar.isHoliday(local.date, country)).toBe(false);
        expect(
          local.time >= w.start ||
            Date.parse(at) === Date.parse(zonedTimeToInstant(local.date, w.start, zone)),
        ).toBe(true);
        expect(local.time < w.end).toBe(true);
        expect(nextSendInstant(at, zone, country, w, calendar)).toBe(at);
      }),
    );
  });

  it('with the default window, a message waits less than a week, and not at all inside the window', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(...ZONED_COUNTRIES.slice(0, 6)), (now, [zone, country]) => {
        const at = nextSendInstant(now, zone, country, DEFAULT_WINDOW, calendar);
        expect(Date.parse(at) - Date.parse(now)).toBeLessThan(7 * 86_400_000);
        const local = localParts(now, zone);
        const open =
          local.weekday <= 5 &&
          !calendar.isHoliday(local.date, country) &&
          local.time >= '09:00' &&
          local.time < '17:00';
        expect(at === now).toBe(open);
      }),
    );
  });
});

const pad = (n: number) => String(n).padStart(2, '0');
