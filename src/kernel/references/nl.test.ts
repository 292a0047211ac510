import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dutchReferenceFromDigits, formatDutchReference, NL_LENGTHS, validateDutchReference } from './nl.ts';

const digits = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });
const checkedLength = fc.constantFrom(9, 10, 11, 12, 13, 14, 16);
const replaceAt = (s: string, i: number, c: string) => s.slice(0, i) + c + s.slice(i + 1);
const errorOf = (r: { ok: boolean; error?: { message: string } }) => (r.ok ? '' : r.error!.message);
const made = (d: string, length: number) => (dutchReferenceFromDigits(d, length) as { value: string }).value;

/** The weights 2, 4, 8, 5, 10, 9, 7, 3, 6, 1 are 2^k mod 11: recompute the remainder that way, with BigInt. */
function remainderByPowersOfTwo(afterCheck: string): number {
  const sum = [...afterCheck].reverse().reduce((acc, c, k) => acc + BigInt(c) * 2n ** BigInt(k + 1), 0n);
  return Number(sum % 11n);
}

describe('Dutch payment reference (betalingskenmerk)', () => {
  it("accepts the Betaalvereniging's samples 5000 0567 8901 2345 and 12 2345 3462 2567", () => {
    expect(validateDutchReference('5000 0567 8901 2345')).toEqual({ ok: true, value: '5000056789012345' });
    expect(validateDutchReference('12 2345 3462 2567')).toEqual({ ok: true, value: '12234534622567' });
    expect(dutchReferenceFromDigits('56789012345')).toEqual({ ok: true, value: '5000056789012345' });
    expect(dutchReferenceFromDigits('234534622567', 14)).toEqual({ ok: true, value: '12234534622567' });
  });

  it('takes 7 digits without any check', () => {
    expect(validateDutchReference('1234567')).toEqual({ ok: true, value: '1234567' });
    expect(dutchReferenceFromDigits('42', 7)).toEqual({ ok: true, value: '0000042' });
  });

  it('refuses the lengths the specification does not allow (8, 15, 17)', () => {
    for (const n of [8, 15, 17]) {
      expect(errorOf(validateDutchReference('1'.repeat(n)))).toMatch(/has 7, 9 to 14, or 16 digits/);
      expect(dutchReferenceFromDigits('1', n).ok).toBe(false);
    }
  });

  it('checks the length code of 9-14 digit references', () => {
    // 12234534622567 with its length code 2 replaced by 3 (check digit adjusted would not help: the code is wrong).
    expect(errorOf(validateDutchReference('13234534622567'))).toBe(
      'length code (second digit) should be 2 for 14 digits, is 3',
    );
  });

  it('generates, for every allowed length, references that validate and whose check matches 2^k weights', () => {
    fc.assert(
      fc.property(checkedLength, digits(1, 15), (length, d) => {
        const room = length === 16 ? 15 : length - 2;
        fc.pre(d.length <= room);
        const ref = made(d, length);
        expect(ref.length).toBe(length);
        expect(ref.endsWith(d)).toBe(true);
        const c = 11 - remainderByPowersOfTwo(ref.slice(1));
        expect(ref[0]).toBe(String(c === 11 ? 0 : c === 10 ? 1 : c));
        expect(validateDutchReference(ref)).toEqual({ ok: true, value: ref });
        expect(validateDutchReference(formatDutchReference(ref))).toEqual({ ok: true, value: ref });
      }),
    );
    expect([...NL_LENGTHS]).toEqual([7, 9, 10, 11, 12, 13, 14, 16]);
  });

  it('catches a single-digit error unless it moves the remainder between 1 and 10, which share check digit 1', () => {
    fc.assert(
      fc.property(digits(15, 15), fc.nat(15), fc.constantFrom(...'0123456789'), (d, i, c) => {
        const ref = made(d, 16);
        fc.pre(ref[i] !== c);
        const changed = replaceAt(ref, i, c);
        const slipsThrough =
          i > 0 &&
          [1, 10].includes(remainderByPowersOfTwo(ref.slice(1))) &&
          [1, 10].includes(remainderByPowersOfTwo(changed.slice(1)));
        expect(validateDutchReference(changed).ok).toBe(slipsThrough);
      }),
    );
    // 000000000000006: 6*2 = 12, remainder 1 -> 11-1 = 10 -> 1; ...005: 5*2 = 10, remainder 10 -> 1. Both valid.
    expect(validateDutchReference('1000000000000006').ok).toBe(true);
    expect(validateDutchReference('1000000000000005').ok).toBe(true);
  });

  it('names the expected check digit, and what does not fit', () => {
    expect(errorOf(validateDutchReference('6000056789012345'))).toBe(
      'check digit (first digit) should be 5, is 6',
    );
    expect(errorOf(dutchReferenceFromDigits('1234567890123', 14))).toMatch(/holds 12/);
    expect(errorOf(validateDutchReference('5000 0567 8901 234x'))).toMatch(/character 'x' at column 19/);
  });

  it('prints in groups of four from the right, as the specification does', () => {
    expect(formatDutchReference('12234534622567')).toBe('12 2345 3462 2567');
    expect(formatDutchReference('5000056789012345')).toBe('5000 0567 8901 2345');
  });
});
