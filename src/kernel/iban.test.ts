import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidIban, normalizeIban } from './iban.ts';

/** Published example IBANs (banks' and registries' own samples) from Duly's markets. */
const KNOWN_VALID = [
  'CZ6508000000192000145399',
  'CZ9455000000001011038930',
  'SK3112000000198742637541',
  'SK8975000000000012345671',
  'DE89370400440532013000',
  'DE44500105175407324931',
  'NL91ABNA0417164300',
  'NL02ABNA0123456789',
  'NO9386011117947',
  'NO8330001234567',
  'GB29NWBK60161331926819',
  'GB82WEST12345698765432',
];

/** Check digits computed on the whole number at once with BigInt, not digit by digit as iban.ts does. */
function withCheckDigits(country: string, bban: string): string {
  const numeric = [...`${bban}${country}00`].map((c) => Number.parseInt(c, 36)).join('');
  const check = 98n - (BigInt(numeric) % 97n);
  return `${country}${String(check).padStart(2, '0')}${bban}`;
}

const digitPositions = (iban: string) => [...iban].flatMap((c, i) => (/\d/.test(c) ? [i] : []));
const replaceAt = (s: string, i: number, c: string) => s.slice(0, i) + c + s.slice(i + 1);

describe('IBAN check', () => {
  it('accepts published IBANs from CZ, SK, DE, NL, NO and GB, printed or compact, any case', () => {
    for (const iban of KNOWN_VALID) {
      expect(isValidIban(iban), iban).toBe(true);
      const printed = iban.replace(/(.{4})/g, '$1 ').trim();
      expect(isValidIban(printed), printed).toBe(true);
      expect(isValidIban(printed.toLowerCase()), printed).toBe(true);
      expect(normalizeIban(printed.toLowerCase())).toBe(iban);
    }
  });

  it('catches every single changed digit of a known IBAN, check digits included', () => {
    for (const iban of KNOWN_VALID) {
      for (const i of digitPositions(iban)) {
        for (const d of '0123456789') {
          if (d === iban[i]) continue;
          const typo = replaceAt(iban, i, d);
          expect(isValidIban(typo), typo).toBe(false);
        }
      }
    }
  });

  it('catches every swap of two different adjacent digits of a known IBAN', () => {
    for (const iban of KNOWN_VALID) {
      for (let i = 0; i + 1 < iban.length; i++) {
        const [a, b] = [iban[i]!, iban[i + 1]!];
        if (!/\d/.test(a) || !/\d/.test(b) || a === b) continue;
        const swapped = iban.slice(0, i) + b + a + iban.slice(i + 2);
        expect(isValidIban(swapped), swapped).toBe(false);
      }
    }
  });

  it('accepts any IBAN whose check digits a reference computed, and refuses it after a digit change', () => {
    const country = fc.constantFrom('CZ', 'SK', 'DE', 'NL', 'NO', 'GB', 'AT', 'PL');
    const bban = fc.string({
      unit: fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'),
      minLength: 10,
      maxLength: 30,
    });
    fc.assert(
      fc.property(country, bban, fc.nat(), fc.integer({ min: 1, max: 9 }), (c, b, pick, shift) => {
        const iban = withCheckDigits(c, b);
        expect(isValidIban(iban)).toBe(true);
        const positions = digitPositions(iban);
        const i = positions[pick % positions.length]!;
        const typo = replaceAt(iban, i, String((Number(iban[i]) + shift) % 10));
        expect(isValidIban(typo)).toBe(false);
      }),
    );
  });

  it('refuses text shaped nothing like an IBAN', () => {
    for (const bad of [
      '',
      'CZ65',
      'CZ65 0800 0000',
      '1Z6508000000192000145399',
      'CZA508000000192000145399',
      'CZ65080000001920001453!9',
      `CZ65${'0'.repeat(31)}`,
    ]) {
      expect(isValidIban(bad), bad).toBe(false);
    }
  });
});
