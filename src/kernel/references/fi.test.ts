import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  finnishCheckDigit,
  finnishReferenceFromDigits,
  finnishRf,
  formatFinnishReference,
  validateFinnishReference,
} from './fi.ts';

const base = fc
  .string({ unit: fc.constantFrom(...'0123456789'), minLength: 3, maxLength: 19 })
  .filter((s) => s[0] !== '0');
const replaceAt = (s: string, i: number, c: string) => s.slice(0, i) + c + s.slice(i + 1);
const swapAt = (s: string, i: number) => s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
const errorOf = (r: { ok: boolean; error?: { message: string } }) => (r.ok ? '' : r.error!.message);
const made = (b: string) => (finnishReferenceFromDigits(b) as { value: string }).value;

/** Weights 1, 3, 7 from the left end of the reversed WHOLE reference (check digit weight 1): valid when the sum ends in 0. */
function oracleValid(ref: string): boolean {
  const sum = [...ref].reverse().reduce((acc, c, i) => acc + Number(c) * [1, 7, 3][i % 3]!, 0);
  return sum % 10 === 0;
}

describe('Finnish national reference (viitenumero)', () => {
  it("makes 123453 from 12345 and 1232 from 123, the banks' textbook samples", () => {
    expect(finnishReferenceFromDigits('12345')).toEqual({ ok: true, value: '123453' });
    expect(finnishCheckDigit('123')).toBe('2');
    expect(validateFinnishReference('1232').ok).toBe(true);
  });

  it('makes the Finnish RF form RF332348236 from 2348236', () => {
    expect(finnishRf('2348236')).toEqual({ ok: true, value: 'RF332348236' });
    expect(finnishRf('2348237').ok).toBe(false);
  });

  it('ignores spaces and leading zeros, which are not significant', () => {
    expect(validateFinnishReference('1 23453')).toEqual({ ok: true, value: '123453' });
    expect(validateFinnishReference('00000000000000123453')).toEqual({ ok: true, value: '123453' });
  });

  it('validates every generated reference (agreeing with a whole-number check) and round-trips printing', () => {
    fc.assert(
      fc.property(base, (b) => {
        const ref = made(b);
        expect(ref.startsWith(b)).toBe(true);
        expect(oracleValid(ref)).toBe(true);
        expect(validateFinnishReference(ref)).toEqual({ ok: true, value: ref });
        expect(validateFinnishReference(formatFinnishReference(ref))).toEqual({ ok: true, value: ref });
      }),
    );
  });

  it('catches every single-digit error', () => {
    fc.assert(
      fc.property(base, fc.nat(), fc.constantFrom(...'0123456789'), (b, at, c) => {
        const ref = made(b);
        const i = at % ref.length;
        fc.pre(ref[i] !== c && !(i === 0 && c === '0'));
        expect(validateFinnishReference(replaceAt(ref, i, c)).ok).toBe(false);
      }),
    );
  });

  it('catches an adjacent swap unless the two digits differ by exactly 5', () => {
    fc.assert(
      fc.property(base, fc.nat(), (b, at) => {
        const ref = made(b);
        const i = at % (ref.length - 1);
        fc.pre(ref[i] !== ref[i + 1] && !(i === 0 && ref[1] === '0'));
        const differBy5 = Math.abs(Number(ref[i]) - Number(ref[i + 1])) === 5;
        expect(validateFinnishReference(swapAt(ref, i)).ok).toBe(differBy5);
      }),
    );
    // 161 -> 1*7 + 6*3 + 1*1 = 26 -> 1614; swapped 611 -> 1*7 + 1*3 + 6*1 = 16 -> 6114: both valid.
    expect(validateFinnishReference('1614').ok && validateFinnishReference('6114').ok).toBe(true);
  });

  it('needs 3 to 19 significant digits before the check digit', () => {
    expect(errorOf(finnishReferenceFromDigits('0042'))).toMatch(/has 2 significant digits; .* needs 3 to 19/);
    expect(finnishReferenceFromDigits('1'.repeat(20)).ok).toBe(false);
    expect(errorOf(validateFinnishReference('123'))).toMatch(/has 3 significant digits; it needs 4 to 20/);
  });

  it('names the expected check digit', () => {
    expect(errorOf(validateFinnishReference('1 23454'))).toBe('check digit should be 3, is 4');
  });

  it('prints in groups of five from the right', () => {
    expect(formatFinnishReference('123453')).toBe('1 23453');
    expect(formatFinnishReference('12345678901234567894')).toBe('12345 67890 12345 67894');
  });
});
