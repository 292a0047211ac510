import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidIban } from '../kernel/iban.ts';
import {
  deVatCheckDigit,
  generateIban,
  generateVatId,
  ibanFromBban,
  icoCheckDigit,
  noOrgCheckDigit,
} from './identifiers.ts';
import { createRng } from './random.ts';

const IBAN_LENGTHS = { CZ: 24, SK: 24, DE: 22, NL: 18, NO: 15, GB: 22 } as const;

describe('demo identifiers', () => {
  it('computes IBAN check digits that match published IBANs', () => {
    expect(ibanFromBban('CZ', '08000000192000145399')).toBe('CZ6508000000192000145399');
    expect(ibanFromBban('DE', '370400440532013000')).toBe('DE89370400440532013000');
    expect(ibanFromBban('GB', 'NWBK60161331926819')).toBe('GB29NWBK60161331926819');
    expect(ibanFromBban('NO', '86011117947')).toBe('NO9386011117947');
  });

  it('generates IBANs that pass the mod-97 check, with the right length per country', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const rng = createRng(seed);
        for (const [country, length] of Object.entries(IBAN_LENGTHS)) {
          const iban = generateIban(rng, country);
          expect(isValidIban(iban), iban).toBe(true);
          expect(iban).toHaveLength(length);
        }
      }),
    );
  });

  it('generates Czech account numbers that pass the domestic mod-11 check', () => {
    const weights = [6, 3, 7, 9, 10, 5, 8, 4, 2, 1];
    const rng = createRng(7);
    for (let i = 0; i < 200; i++) {
      const iban = generateIban(rng, 'CZ');
      const prefix = iban.slice(8, 14);
      const account = iban.slice(14);
      const sum = (digits: string) =>
        [...digits].reduce((s, d, k) => s + Number(d) * weights[k + weights.length - digits.length]!, 0);
      expect(sum(prefix) % 11, iban).toBe(0);
      expect(sum(account) % 11, iban).toBe(0);
    }
  });

  it('computes national VAT and registration check digits like the registers do', () => {
    expect(icoCheckDigit('0000694')).toBe(7); // 00006947, Ministerstvo financí
    expect(noOrgCheckDigit('92360901')).toBe(6); // 923609016, Equinor ASA
    expect(deVatCheckDigit('13669597')).toBe(6); // DE136695976, the BZSt's own example
  });

  it('writes VAT ids in each country’s usual form', () => {
    const rng = createRng(3);
    expect(generateVatId(rng, 'CZ')).toMatch(/^CZ\d{8}$/);
    expect(generateVatId(rng, 'SK')).toMatch(/^SK\d{10}$/);
    expect(generateVatId(rng, 'DE')).toMatch(/^DE\d{9}$/);
    expect(generateVatId(rng, 'NL')).toMatch(/^NL\d{9}B01$/);
    expect(generateVatId(rng, 'NO')).toMatch(/^NO\d{9}MVA$/);
    expect(generateVatId(rng, 'GB')).toMatch(/^GB\d{9}$/);
    const sk = generateVatId(rng, 'SK').slice(2);
    expect(Number(sk) % 11).toBe(0);
  });
});
