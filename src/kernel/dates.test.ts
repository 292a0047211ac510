import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { addDays, dateInZone, daysBetween, isIsoDate, isTimeZone } from './dates.ts';

/**
 * An independent calendar: days since 1970-01-01 in the proleptic Gregorian calendar, after Howard
 * Hinnant's `days_from_civil`, pure integer arithmetic with no Date object.
 */
function daysFromCivil(y0: number, m: number, d: number): number {
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function civilFromDays(z0: number): string {
  const z = z0 + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const dayNumber = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return daysFromCivil(y, m, d);
};
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

// 1900-01-01 .. 2199-12-31: the years an invoice, a statute or a payment plan can name.
const FIRST = daysFromCivil(1900, 1, 1);
const LAST = daysFromCivil(2199, 12, 31);
const date = fc.integer({ min: FIRST, max: LAST }).map(civilFromDays);
const span = fc.integer({ min: -20_000, max: 20_000 });
const withinRange = (d: string, n: number) => dayNumber(d) + n >= FIRST && dayNumber(d) + n <= LAST;

const ZONES = [
  'UTC',
  'Europe/Prague',
  'Europe/London',
  'America/Sao_Paulo',
  'Pacific/Chatham',
  'Asia/Kolkata',
];
const originalTz = process.env.TZ;

describe('calendar dates', () => {
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  it('adds days exactly as an integer day count would, and daysBetween is its inverse', () => {
    fc.assert(
      fc.property(date, span, (d, n) => {
        fc.pre(withinRange(d, n));
        const later = addDays(d, n);
        expect(later).toBe(civilFromDays(dayNumber(d) + n));
        expect(daysBetween(d, later)).toBe(n);
        expect(daysBetween(later, d)).toBe(0 - n); // not -n: -0 is not 0 to toBe
        expect(addDays(later, -n)).toBe(d);
      }),
    );
  });

  it('counts the days between any two dates like the reference calendar', () => {
    fc.assert(
      fc.property(date, date, (a, b) => {
        expect(daysBetween(a, b)).toBe(dayNumber(b) - dayNumber(a));
      }),
    );
  });

  it('knows leap years: 29 February exists in 2024 and 2000, not in 2023, 1900 or 2100', () => {
    expect(['2024-02-29', '2000-02-29', '2028-02-29'].map(isIsoDate)).toEqual([true, true, true]);
    expect(['2023-02-29', '1900-02-29', '2100-02-29'].map(isIsoDate)).toEqual([false, false, false]);
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2100-02-28', 1)).toBe('2100-03-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2198 }), (y) => {
        expect(daysBetween(`${y}-01-01`, `${y + 1}-01-01`)).toBe(isLeap(y) ? 366 : 365);
        expect(isIsoDate(`${y}-02-29`)).toBe(isLeap(y));
      }),
    );
  });

  it('crosses year ends in both directions', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2026-12-28', 7)).toBe('2027-01-04');
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2198 }), (y) => {
        expect(addDays(`${y}-12-31`, 1)).toBe(`${y + 1}-01-01`);
        expect(addDays(`${y + 1}-01-01`, -1)).toBe(`${y}-12-31`);
      }),
    );
  });

  it('gives the same answers in every process time zone, across DST changes', () => {
    // Days on which clocks jump: EU spring and autumn 2026; Sao Paulo 2018 skipped midnight itself.
    const dstDays = ['2026-03-28', '2026-03-29', '2026-10-25', '2018-11-03', '2018-11-04', '2019-02-16'];
    const inputs = fc.sample(fc.tuple(date, span), { numRuns: 300, seed: 42 });
    const results = ZONES.map((zone) => {
      process.env.TZ = zone;
      return [
        ...dstDays.flatMap((d) => [addDays(d, 1), addDays(d, -1), daysBetween(d, addDays(d, 2))]),
        ...inputs.filter(([d, n]) => withinRange(d, n)).map(([d, n]) => addDays(d, n)),
      ];
    });
    for (const r of results) expect(r).toEqual(results[0]);
    expect(results[0]?.slice(0, 6)).toEqual(['2026-03-29', '2026-03-27', 2, '2026-03-30', '2026-03-28', 2]);
  });

  it('refuses what is not a calendar date', () => {
    const bad = [
      '2026-13-01',
      '2026-00-10',
      '2026-01-32',
      '2026-02-30',
      '2026-1-01',
      '26-01-01',
      ' 2026-01-01',
      '',
    ];
    for (const b of bad) {
      expect(isIsoDate(b), b).toBe(false);
      expect(() => addDays(b, 1), b).toThrow(/not a date/);
      expect(() => daysBetween(b, '2026-01-01'), b).toThrow(/not a date/);
      expect(() => daysBetween('2026-01-01', b), b).toThrow(/not a date/);
    }
  });
});

describe('dateInZone', () => {
  it('gives the calendar day of an instant in a zone, DST included', () => {
    // Europe/Prague: CET (+1) until 2026-03-29T01:00Z, CEST (+2) after, back to CET on 2026-10-25T01:00Z.
    const cases: [string, string, string][] = [
      ['2026-03-28T22:59:59Z', 'Europe/Prague', '2026-03-28'],
      ['2026-03-28T23:00:00Z', 'Europe/Prague', '2026-03-29'],
      ['2026-06-30T21:59:59Z', 'Europe/Prague', '2026-06-30'],
      ['2026-06-30T22:00:00Z', 'Europe/Prague', '2026-07-01'],
      ['2026-10-25T22:59:59Z', 'Europe/Prague', '2026-10-25'],
      ['2026-10-25T23:00:00Z', 'Europe/Prague', '2026-10-26'],
      ['2026-12-31T23:30:00Z', 'Europe/London', '2026-12-31'],
      ['2026-12-31T23:30:00Z', 'Europe/Oslo', '2027-01-01'],
      ['2027-01-01T04:59:00Z', 'America/New_York', '2026-12-31'],
    ];
    for (const [instant, zone, day] of cases) expect(dateInZone(new Date(instant), zone), instant).toBe(day);
  });

  it('equals the UTC date in UTC for any instant', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1900-01-01T00:00:00Z'),
          max: new Date('2199-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        (d) => {
          expect(dateInZone(d, 'UTC')).toBe(d.toISOString().slice(0, 10));
        },
      ),
    );
  });

  it('recognises IANA zones and refuses the rest', () => {
    expect(['Europe/Prague', 'Europe/Bratislava', 'Europe/Oslo', 'UTC'].every(isTimeZone)).toBe(true);
    expect(['Europe/Praha', 'CET+1', ''].some(isTimeZone)).toBe(false);
  });
});
