import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type KidMethod, kidCheckDigit, kidFromDigits, validateKid } from './kid.ts';

const digits = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });
const method = fc.constantFrom<KidMethod>('mod10', 'mod11');
const replaceAt = (s: string, i: number, c: string) => s.slice(0, i) + c + s.slice(i + 1);
const swapAt = (s: string, i: number) => s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
const errorOf = (r: { ok: boolean; error?: { message: string } }) => (r.ok ? '' : r.error!.message);

/** Luhn in its textbook form: double every second digit from the right of the WHOLE number; valid when the sum ends in 0. */
function luhnValid(kid: string): boolean {
  let sum = 0;
  [...kid].reverse().forEach((c, i) => {
    const d = Number(c) * (i % 2 === 1 ? 2 : 1);
    sum += Math.floor(d / 10) + (d % 10);
  });
  return sum % 10 === 0;
}
/** MOD11 as a congruence: check digit weight 1, then 2..7 repeating; valid when the total is 0 mod 11 ('-' counts 10). */
function mod11Valid(kid: string): boolean {
  let sum = 0;
  [...kid].reverse().forEach((c, i) => {
    sum += (c === '-' ? 10 : Number(c)) * (i === 0 ? 1 : 2 + ((i - 1) % 6));
  });
  return sum % 11 === 0;
}
const oracle = (m: KidMethod, kid: string) => (m === 'mod10' ? luhnValid(kid) : mod11Valid(kid));

describe('Norwegian KID', () => {
  it('accepts the published samples 2345676 (MOD10) and 0365327 (MOD11)', () => {
    expect(validateKid('mod10', '2345676')).toEqual({ ok: true, value: '2345676' });
    expect(validateKid('mod11', '0365327')).toEqual({ ok: true, value: '0365327' });
    expect(kidCheckDigit('mod10', '234567')).toBe('6');
    expect(kidCheckDigit('mod11', '036532')).toBe('7');
  });

  it("accepts a MOD11 KID whose check is '-' (6*2 = 12, 12 mod 11 = 1, 11 - 1 = 10) and refuses '-' for MOD10", () => {
    expect(validateKid('mod11', '6-').ok).toBe(true);
    expect(validateKid('mod11', '036536-').ok).toBe(true);
    expect(validateKid('mod10', '036536-').ok).toBe(false);
    expect(errorOf(validateKid('mod11', '03-6536'))).toMatch(
      /only the check digit of a MOD11 KID may be '-'/,
    );
  });

  it('agrees with the textbook Luhn and MOD11 congruence on every generated KID, up to 25 digits', () => {
    fc.assert(
      fc.property(method, digits(1, 24), (m, base) => {
        const made = kidFromDigits(m, base);
        expect(made.ok).toBe(true);
        if (!made.ok) return;
        expect(made.value.startsWith(base)).toBe(true);
        expect(oracle(m, made.value)).toBe(true);
        expect(validateKid(m, made.value)).toEqual(made);
      }),
    );
  });

  it('catches every single-digit error, check digit included, with either method', () => {
    fc.assert(
      fc.property(method, digits(1, 24), fc.nat(), fc.constantFrom(...'0123456789-'), (m, base, at, c) => {
        const kid = (kidFromDigits(m, base) as { value: string }).value;
        const i = at % kid.length;
        fc.pre(kid[i] !== c);
        expect(validateKid(m, replaceAt(kid, i, c)).ok).toBe(false);
      }),
    );
  });

  it('MOD11 catches every swap of two different adjacent digits', () => {
    fc.assert(
      fc.property(digits(1, 24), fc.nat(), (base, at) => {
        const kid = (kidFromDigits('mod11', base) as { value: string }).value;
        const i = at % (kid.length - 1);
        fc.pre(kid[i] !== kid[i + 1]);
        expect(validateKid('mod11', swapAt(kid, i)).ok).toBe(false);
      }),
    );
  });

  it('MOD10 (Luhn) catches every swap of two different adjacent digits except 09 <-> 90', () => {
    fc.assert(
      fc.property(digits(1, 24), fc.nat(), (base, at) => {
        const kid = (kidFromDigits('mod10', base) as { value: string }).value;
        const i = at % (kid.length - 1);
        fc.pre(kid[i] !== kid[i + 1]);
        const pair = kid.slice(i, i + 2);
        expect(validateKid('mod10', swapAt(kid, i)).ok).toBe(pair === '09' || pair === '90');
      }),
    );
    // The exception is real: 0-9 and 9-0 in doubled and plain places sum the same (0+9 = 9, 0+9 = 9).
    expect(validateKid('mod10', '0901').ok).toBe(true);
    expect(validateKid('mod10', '9001').ok).toBe(true);
  });

  it('pads to the length agreed with Nets, and keeps a 25-digit KID exact', () => {
    expect(kidFromDigits('mod10', '234567', { length: 10 })).toEqual({ ok: true, value: '0002345676' });
    const long = '123456789012345678901234';
    const made = kidFromDigits('mod10', long);
    expect(made.ok && made.value.length === 25 && made.value.startsWith(long)).toBe(true);
    expect(made.ok && luhnValid(made.value)).toBe(true);
  });

  it('refuses lengths outside 2-25 and bases that do not fit, saying so', () => {
    expect(errorOf(kidFromDigits('mod10', '1', { length: 26 }))).toMatch(
      /2 to 25 digits including the check digit/,
    );
    expect(errorOf(kidFromDigits('mod10', '1234567', { length: 5 }))).toMatch(
      /has 7 digits, too many for a KID of 5/,
    );
    expect(errorOf(kidFromDigits('mod10', '1'.repeat(25)))).toMatch(
      /has 25 digits, too many for a KID of 25/,
    );
    expect(errorOf(validateKid('mod10', '2'))).toMatch(/KID has 1 characters/);
    expect(errorOf(validateKid('mod10', '23456a76'))).toMatch(/character 'a' at column 6/);
  });

  it("ends a MOD11 KID in '-' by default, and with avoidDash fails on field 'checkDigit' instead", () => {
    expect(kidFromDigits('mod11', '036536')).toEqual({ ok: true, value: '036536-' });
    const avoided = kidFromDigits('mod11', '036536', { avoidDash: true });
    expect(avoided.ok).toBe(false);
    if (!avoided.ok) expect(avoided.error.field).toBe('checkDigit');
    expect(kidFromDigits('mod11', '036532', { avoidDash: true })).toEqual({ ok: true, value: '0365327' });
  });

  it('names the expected check digit and the method', () => {
    expect(errorOf(validateKid('mod10', '2345673'))).toBe('check digit should be 6, is 3 (MOD10)');
    expect(errorOf(validateKid('mod11', '0365320'))).toBe('check digit should be 7, is 0 (MOD11)');
  });
});
