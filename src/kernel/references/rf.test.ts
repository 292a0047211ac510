import fc from 'fast-check';
import { calculateSCORReferenceChecksum } from 'swissqrbill/utils';
import { describe, expect, it } from 'vitest';
import { formatRf, rfCheckDigits, rfFromBody, validateRf } from './rf.ts';

const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const body = fc.string({ unit: fc.constantFrom(...ALNUM), minLength: 1, maxLength: 21 });

/** ISO 7064 on the whole number at once with BigInt, not digit by digit as the code under test does. */
function bigIntCheck(b: string): string {
  const numeric = [...`${b}RF00`].map((c) => Number.parseInt(c, 36)).join('');
  return String(98n - (BigInt(numeric) % 97n)).padStart(2, '0');
}
const replaceAt = (s: string, i: number, c: string) => s.slice(0, i) + c + s.slice(i + 1);
const errorOf = (r: ReturnType<typeof validateRf>) => (r.ok ? '' : r.error.message);

describe('RF creditor reference (ISO 11649)', () => {
  it("accepts the standard's sample RF18539007547034, compact, printed and in lower case", () => {
    for (const text of [
      'RF18539007547034',
      'RF18 5390 0754 7034',
      'rf18 5390 0754 7034',
      ' rf18539007547034\n',
    ]) {
      expect(validateRf(text)).toEqual({ ok: true, value: 'RF18539007547034' });
    }
  });

  it('generates the sample from its body', () => {
    expect(rfFromBody('539007547034')).toEqual({ ok: true, value: 'RF18539007547034' });
  });

  it('computes the same check digits as a BigInt calculation and as the swissqrbill package', () => {
    fc.assert(
      fc.property(body, (b) => {
        expect(rfCheckDigits(b)).toBe(bigIntCheck(b));
        expect(rfCheckDigits(b)).toBe(calculateSCORReferenceChecksum(b));
      }),
    );
  });

  it('validates every reference it generates, and printing then reading it gives it back', () => {
    fc.assert(
      fc.property(body, (b) => {
        const made = rfFromBody(b);
        expect(made.ok).toBe(true);
        if (!made.ok) return;
        expect(validateRf(made.value)).toEqual(made);
        expect(validateRf(formatRf(made.value))).toEqual(made);
        expect(validateRf(formatRf(made.value).toLowerCase())).toEqual(made);
      }),
    );
  });

  it('refuses a reference with one digit changed to another digit, or one letter to another letter', () => {
    fc.assert(
      fc.property(body, fc.nat(), fc.nat(), (b, at, pick) => {
        const ref = (rfFromBody(b) as { value: string }).value;
        const i = 2 + (at % (ref.length - 2));
        const sameClass = /\d/.test(ref[i]!) ? '0123456789' : ALNUM.slice(10);
        const replacement = sameClass[pick % sameClass.length]!;
        fc.pre(ref[i] !== replacement);
        expect(validateRf(replaceAt(ref, i, replacement)).ok).toBe(false);
      }),
    );
  });

  it('can miss a digit replaced by a letter, since the letter adds a digit to the number (measured ~2.5%)', () => {
    expect(validateRf('RF28VX6000').ok).toBe(true);
    expect(validateRf('RF28VXF000').ok).toBe(true);
  });

  it('names the expected check digits when they are wrong', () => {
    expect(errorOf(validateRf('RF19539007547034'))).toBe('check digits should be 18, are 19');
  });

  it('refuses RF00/RF01/RF99 forms that a bare mod-97 test would pass, since check digits run 02..98', () => {
    // 'RF97' + body with remainder 1 also validates as 'RF00' + body under a bare mod-97 test.
    const withCheck97 = fc.sample(
      body.filter((b) => rfCheckDigits(b) === '97'),
      1,
    )[0]!;
    expect(validateRf(`RF97${withCheck97}`).ok).toBe(true);
    expect(errorOf(validateRf(`RF00${withCheck97}`))).toBe('check digits should be 97, are 00');
  });

  it('says how long a too-long reference is and what the limit is', () => {
    expect(errorOf(validateRf('RF18 5390 0754 7034 1234 5678 90'))).toMatch(
      /^RF reference longer than 25 characters \(has 26\)/,
    );
    expect(rfFromBody('A'.repeat(22)).ok).toBe(false);
  });

  it('points at a character that cannot be in an RF reference, by column', () => {
    expect(errorOf(validateRf('RF18 5390-0754'))).toMatch(/character '-' at column 10/);
    expect(errorOf(validateRf('XX18539007547034'))).toMatch(/starts with 'RF'/);
    expect(errorOf(validateRf('RF18'))).toMatch(/too short/);
    expect(errorOf(validateRf('RFAB5390'))).toMatch(/'AB' is not two digits/);
  });

  it('prints in groups of four', () => {
    expect(formatRf('RF18539007547034')).toBe('RF18 5390 0754 7034');
    expect(formatRf('RF332348236')).toBe('RF33 2348 236');
  });
});
