import fc from 'fast-check';
import { calculateQRReferenceChecksum, isQRReferenceValid } from 'swissqrbill/utils';
import { describe, expect, it } from 'vitest';
import { formatQrr, qrrCheckDigit, qrrFromDigits, validateQrr } from './qrr.ts';

const base = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 26, maxLength: 26 });
const replaceAt = (s: string, i: number, c: string) => s.slice(0, i) + c + s.slice(i + 1);
const errorOf = (r: { ok: boolean; error?: { message: string } }) => (r.ok ? '' : r.error!.message);

describe('Swiss QR reference (QRR)', () => {
  it("accepts SIX's sample 21 00000 00003 13947 14300 09017", () => {
    expect(validateQrr('21 00000 00003 13947 14300 09017')).toEqual({
      ok: true,
      value: '210000000003139471430009017',
    });
    expect(qrrCheckDigit('21000000000313947143000901')).toBe('7');
  });

  it('computes the same check digit as the swissqrbill package, and swissqrbill accepts what it makes', () => {
    fc.assert(
      fc.property(base, (b) => {
        expect(qrrCheckDigit(b)).toBe(calculateQRReferenceChecksum(b));
        const made = qrrFromDigits(b);
        expect(made.ok && isQRReferenceValid(made.value)).toBe(true);
      }),
    );
  });

  it('validates what it generates, printed or compact', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 26 }), (d) => {
        const made = qrrFromDigits(d);
        expect(made.ok && made.value.length === 27 && made.value.slice(0, 26).endsWith(d)).toBe(true);
        if (!made.ok) return;
        expect(validateQrr(made.value)).toEqual(made);
        expect(validateQrr(formatQrr(made.value))).toEqual(made);
      }),
    );
  });

  it('catches every single-digit error', () => {
    fc.assert(
      fc.property(base, fc.nat(26), fc.constantFrom(...'0123456789'), (b, i, c) => {
        const ref = (qrrFromDigits(b) as { value: string }).value;
        fc.pre(ref[i] !== c);
        expect(validateQrr(replaceAt(ref, i, c)).ok).toBe(false);
      }),
    );
  });

  it('refuses other lengths and names the expected check digit', () => {
    expect(errorOf(validateQrr('21 00000 00003 13947 14300 0901'))).toMatch(/has 27 digits; .* has 26/);
    expect(errorOf(validateQrr('210000000003139471430009018'))).toBe('check digit should be 7, is 8');
    expect(errorOf(qrrFromDigits('1'.repeat(27)))).toMatch(/at most 26 digits/);
  });

  it('prints in groups of five from the right', () => {
    expect(formatQrr('210000000003139471430009017')).toBe('21 00000 00003 13947 14300 09017');
  });
});
