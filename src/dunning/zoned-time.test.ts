import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoWeekday, localParts, parseInstant, zonedTimeToInstant } from './zoned-time.ts';

// Zones with every kind of rule: EU and UK summer time, a southern-hemisphere change at midnight
// (Santiago), a 30-minute change (Lord Howe), 45-minute offsets, none at all.
const ZONES = [
  'Europe/Prague',
  'Europe/London',
  'Europe/Oslo',
  'America/New_York',
  'America/Santiago',
  'America/St_Johns',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'Pacific/Chatham',
  'UTC',
] as const;

describe('zonedTimeToInstant', () => {
  it('09:00 in Prague is 08:00Z in winter and 07:00Z in summer', () => {
    expect(zonedTimeToInstant('2026-01-15', '09:00', 'Europe/Prague')).toBe('2026-01-15T08:00:00.000Z');
    expect(zonedTimeToInstant('2026-07-15', '09:00', 'Europe/Prague')).toBe('2026-07-15T07:00:00.000Z');
  });

  it('Prague, spring forward on Sunday 29 March 2026: 02:00-02:59 does not exist and resolves to 03:00 CEST', () => {
    expect(zonedTimeToInstant('2026-03-29', '01:59', 'Europe/Prague')).toBe('2026-03-29T00:59:00.000Z');
    expect(zonedTimeToInstant('2026-03-29', '02:00', 'Europe/Prague')).toBe('2026-03-29T01:00:00.000Z');
    expect(zonedTimeToInstant('2026-03-29', '02:30', 'Europe/Prague')).toBe('2026-03-29T01:00:00.000Z');
    expect(zonedTimeToInstant('2026-03-29', '03:00', 'Europe/Prague')).toBe('2026-03-29T01:00:00.000Z');
    expect(zonedTimeToInstant('2026-03-29', '03:01', 'Europe/Prague')).toBe('2026-03-29T01:01:00.000Z');
  });

  it('Prague, fall back on Sunday 25 October 2026: 02:00-02:59 happens twice and resolves to the first (CEST)', () => {
    expect(zonedTimeToInstant('2026-10-25', '01:59', 'Europe/Prague')).toBe('2026-10-24T23:59:00.000Z');
    expect(zonedTimeToInstant('2026-10-25', '02:30', 'Europe/Prague')).toBe('2026-10-25T00:30:00.000Z');
    expect(zonedTimeToInstant('2026-10-25', '03:00', 'Europe/Prague')).toBe('2026-10-25T02:00:00.000Z');
    // Both readings of 02:30 exist on the wall clock.
    expect(localParts('2026-10-25T00:30:00Z', 'Europe/Prague').time).toBe('02:30');
    expect(localParts('2026-10-25T01:30:00Z', 'Europe/Prague').time).toBe('02:30');
  });

  it('London changes at 01:00 local, the same instants as the continent', () => {
    expect(zonedTimeToInstant('2026-03-29', '01:30', 'Europe/London')).toBe('2026-03-29T01:00:00.000Z');
    expect(zonedTimeToInstant('2026-03-29', '00:59', 'Europe/London')).toBe('2026-03-29T00:59:00.000Z');
    expect(zonedTimeToInstant('2026-10-25', '01:30', 'Europe/London')).toBe('2026-10-25T00:30:00.000Z');
    expect(zonedTimeToInstant('2026-10-25', '02:00', 'Europe/London')).toBe('2026-10-25T02:00:00.000Z');
    expect(zonedTimeToInstant('2026-07-01', '09:00', 'Europe/London')).toBe('2026-07-01T08:00:00.000Z');
  });

  it('Oslo follows the EU rules: 02:30 on 29 March is 03:00 CEST, on 25 October the first 02:30', () => {
    expect(zonedTimeToInstant('2026-03-29', '02:30', 'Europe/Oslo')).toBe('2026-03-29T01:00:00.000Z');
    expect(zonedTimeToInstant('2026-10-25', '02:30', 'Europe/Oslo')).toBe('2026-10-25T00:30:00.000Z');
  });

  it('Santiago springs forward at midnight: 00:30 on 6 September 2026 is 01:00 -03', () => {
    expect(zonedTimeToInstant('2026-09-06', '00:30', 'America/Santiago')).toBe('2026-09-06T04:00:00.000Z');
    // ... and falls back at midnight: 23:30 on 4 April 2026 happens twice, first at -03.
    expect(zonedTimeToInstant('2026-04-04', '23:30', 'America/Santiago')).toBe('2026-04-05T02:30:00.000Z');
  });

  it('refuses malformed input', () => {
    expect(() => zonedTimeToInstant('2026-02-30', '09:00', 'Europe/Prague')).toThrow(RangeError);
    expect(() => zonedTimeToInstant('2026-02-03', '9:00', 'Europe/Prague')).toThrow(RangeError);
    expect(() => zonedTimeToInstant('2026-02-03', '24:00', 'Europe/Prague')).toThrow(RangeError);
    expect(() => zonedTimeToInstant('2026-02-03', '09:00', 'Europe/Praha')).toThrow(RangeError);
  });

  it('property: the wall clock at the result shows the requested time, or the requested time is in a gap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5 * 366 }),
        fc.integer({ min: 0, max: 24 * 60 - 1 }),
        fc.constantFrom(...ZONES),
        (day, minute, zone) => {
          const date = new Date(Date.UTC(2024, 0, 1 + day)).toISOString().slice(0, 10);
          const time = `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
          const result = zonedTimeToInstant(date, time, zone);
          const wall = localParts(result, zone);
          if (wall.date === date && wall.time === time) return;
          // A gap: the wall clock jumps from before the requested time to after it at `result`.
          const justBefore = localParts(new Date(Date.parse(result) - 60_000).toISOString(), zone);
          expect(`${justBefore.date} ${justBefore.time}` < `${date} ${time}`).toBe(true);
          expect(`${wall.date} ${wall.time}` > `${date} ${time}`).toBe(true);
        },
      ),
    );
  });

  it('property: the wall-clock reading of an instant leads back to it, or to its first occurrence', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2024, 0, 1) / 60_000, max: Date.UTC(2029, 0, 1) / 60_000 }),
        fc.constantFrom(...ZONES),
        (minute, zone) => {
          const instant = new Date(minute * 60_000).toISOString();
          const { date, time } = localParts(instant, zone);
          const back = zonedTimeToInstant(date, time, zone);
          expect(Date.parse(back)).toBeLessThanOrEqual(minute * 60_000);
          // Earlier only in a repeated hour, and never by more than the shift.
          expect(minute * 60_000 - Date.parse(back)).toBeLessThanOrEqual(3_600_000);
          expect(localParts(back, zone)).toEqual(localParts(instant, zone));
        },
      ),
    );
  });
});

describe('localParts', () => {
  it('the same UTC instant near midnight is the next day in Oslo', () => {
    expect(localParts('2026-01-15T23:30:00Z', 'Europe/Oslo')).toEqual({
      date: '2026-01-16',
      time: '00:30',
      weekday: 5,
    });
    expect(localParts('2026-01-15T23:30:00Z', 'UTC')).toEqual({
      date: '2026-01-15',
      time: '23:30',
      weekday: 4,
    });
    // Summer: two hours ahead, so 22:30Z is already tomorrow.
    expect(localParts('2026-06-30T22:30:00Z', 'Europe/Oslo').date).toBe('2026-07-01');
    expect(localParts('2026-06-30T21:59:59Z', 'Europe/Oslo').date).toBe('2026-06-30');
  });

  it('drops seconds rather than rounding them', () => {
    expect(localParts('2026-01-15T07:59:59.999Z', 'Europe/Prague').time).toBe('08:59');
  });

  it('reads instants with an offset', () => {
    expect(localParts('2026-03-27T17:30+01:00', 'Europe/Prague')).toEqual({
      date: '2026-03-27',
      time: '17:30',
      weekday: 5,
    });
  });

  it('refuses an instant without Z or offset: it would be read in the host zone', () => {
    expect(() => localParts('2026-03-27T17:30', 'Europe/Prague')).toThrow(RangeError);
    expect(() => localParts('2026-03-27', 'Europe/Prague')).toThrow(RangeError);
    expect(() => parseInstant('yesterday')).toThrow(RangeError);
  });
});

describe('isoWeekday', () => {
  it('Monday is 1, Sunday is 7', () => {
    expect(isoWeekday('2026-03-23')).toBe(1);
    expect(isoWeekday('2026-03-27')).toBe(5);
    expect(isoWeekday('2026-03-29')).toBe(7);
    expect(isoWeekday('2026-12-31')).toBe(4);
  });
});

const pad = (n: number) => String(n).padStart(2, '0');
