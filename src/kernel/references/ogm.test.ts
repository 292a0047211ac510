import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatOgm, ogmCheckDigits, ogmFromDigits, validateOgm } from './ogm.ts';

const base = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 10, maxLength: 10 });
const replaceAt = (s: string, i: number, c: string) => s.slice(0, i) + c + s.slice(i + 1);
const errorOf = (r: { ok: boolean; error?: { message: string } }) => (r.ok ? '' : r.error!.message);

describe('Belgian structured communication (OGM/VCS)', () => {
  it('accepts the sample +++010/8068/17183+++, with *** delimiters and bare', () => {
    for (const text of [
      '+++010/8068/17183+++',
      '***010/8068/17183***',
      '010806817183',
      '+++ 010 / 8068 / 17183 +++',
    ]) {
      expect(validateOgm(text)).toEqual({ ok: true, value: '010806817183' });
    }
  });

  it('uses 97 when the base is divisible by 97 (0000000097 -> 97)', () => {
    expect(ogmCheckDigits('0000000097')).toBe('97');
    expect(validateOgm('+++000/0000/09797+++').ok).toBe(true);
    expect(validateOgm('+++000/0000/09700+++').ok).toBe(false);
  });

  it('agrees with a BigInt remainder on every base', () => {
    fc.assert(
      fc.property(base, (b) => {
        const r = Number(BigInt(b) % 97n);
        expect(ogmCheckDigits(b)).toBe(String(r === 0 ? 97 : r).padStart(2, '0'));
      }),
    );
  });

  it('validates what it generates, printed or not', () => {
    fc.assert(
      fc.property(base, (b) => {
        const made = ogmFromDigits(b);
        expect(made.ok && made.value.startsWith(b)).toBe(true);
        if (!made.ok) return;
        expect(validateOgm(made.value)).toEqual(made);
        expect(validateOgm(formatOgm(made.value))).toEqual(made);
        expect(validateOgm(formatOgm(made.value).replaceAll('+', '*'))).toEqual(made);
      }),
    );
  });

  it('catches every single-digit error', () => {
    fc.assert(
      fc.property(base, fc.nat(11), fc.constantFrom(...'0123456789'), (b, i, c) => {
        const ogm = (ogmFromDigits(b) as { value: string }).value;
        fc.pre(ogm[i] !== c);
        expect(validateOgm(replaceAt(ogm, i, c)).ok).toBe(false);
      }),
    );
  });

  it('pads short numbers and refuses more than 10 digits', () => {
    expect(ogmFromDigits('108068171')).toEqual({ ok: true, value: '010806817183' });
    expect(errorOf(ogmFromDigits('12345678901'))).toMatch(/at most 10 digits/);
  });

  it('names the expected check digits, and a wrong length', () => {
    expect(errorOf(validateOgm('+++010/8068/17184+++'))).toBe('check digits should be 83, are 84');
    expect(errorOf(validateOgm('+++010/8068/1718+++'))).toMatch(/has 12 digits; .* has 11/);
    expect(errorOf(validateOgm('+++010-8068-17183+++'))).toMatch(/character '-' at column 7/);
  });

  it('prints +++ddd/dddd/ddddd+++', () => {
    expect(formatOgm('010806817183')).toBe('+++010/8068/17183+++');
  });
});
