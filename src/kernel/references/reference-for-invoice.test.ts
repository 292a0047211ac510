import fc from 'fast-check';
import { calculateSCORReferenceChecksum } from 'swissqrbill/utils';
import { describe, expect, it } from 'vitest';
import {
  formatReference,
  REFERENCE_SCHEMES,
  type ReferenceScheme,
  referenceForInvoice,
  validateReference,
} from './reference-for-invoice.ts';

const errorOf = (r: { ok: boolean; error?: { message: string } }) => (r.ok ? '' : r.error!.message);

/** Invoice numbers as businesses write them: a prefix, separators, a year, a running number. */
const invoiceNumber = fc
  .tuple(
    fc.constantFrom('', 'INV-', 'FV', 'F ', 'R-'),
    fc.integer({ min: 2000, max: 2099 }),
    fc.constantFrom('-', '/', '', '.'),
    fc.integer({ min: 1, max: 999_999 }),
  )
  .map(([prefix, year, sep, n]) => `${prefix}${year}${sep}${String(n).padStart(4, '0')}`);
const scheme = fc.constantFrom(...REFERENCE_SCHEMES);

describe('reference for an invoice', () => {
  it("rebuilds each scheme's known-good sample from an invoice number written with separators", () => {
    const cases: [ReferenceScheme, string, string][] = [
      ['rf', '5390-0754-7034', 'RF18539007547034'],
      ['kid-mod10', 'INV 234-567', '2345676'],
      ['kid-mod11', '036-532', '0365327'],
      ['vs', 'FV 0020260042', '20260042'],
      ['ogm', '108/068/171', '010806817183'],
      ['fi', 'R-12345', '123453'],
      ['nl', 'NL 567-890-12345', '5000056789012345'],
      ['qrr', '21000000000313947143000901', '210000000003139471430009017'],
    ];
    for (const [s, invoice, expected] of cases)
      expect(referenceForInvoice(s, invoice), s).toEqual({ ok: true, value: expected });
  });

  it('upper-cases letters for RF and keeps them, with the check digits swissqrbill computes', () => {
    expect(referenceForInvoice('rf', 'inv-2026/0042')).toEqual({
      ok: true,
      value: `RF${calculateSCORReferenceChecksum('INV20260042')}INV20260042`,
    });
  });

  it('puts the customer number first', () => {
    expect(referenceForInvoice('kid-mod10', '4567', { customerNumber: 'C-23' })).toEqual({
      ok: true,
      value: '2345676',
    });
    expect(referenceForInvoice('rf', '7034', { customerNumber: '5390-0754' })).toEqual({
      ok: true,
      value: 'RF18539007547034',
    });
  });

  it('pads a KID to the length agreed with Nets, and makes a 25-digit KID from 24 digits', () => {
    expect(referenceForInvoice('kid-mod10', '234567', { length: 10 })).toEqual({
      ok: true,
      value: '0002345676',
    });
    const kid = referenceForInvoice('kid-mod10', '1234567890-1234567890-1234');
    expect(kid.ok && kid.value.length === 25 && kid.value.startsWith('123456789012345678901234')).toBe(true);
    if (kid.ok) expect(validateReference('kid-mod10', kid.value)).toEqual(kid);
  });

  it('says what to change when the invoice number has no digits for a numeric scheme', () => {
    expect(errorOf(referenceForInvoice('vs', 'ABC'))).toBe(
      "invoice number 'ABC' has no digits for a variable symbol; use invoice numbers with digits or choose the RF reference",
    );
    for (const s of ['kid-mod10', 'kid-mod11', 'ogm', 'fi', 'nl', 'qrr'] as const) {
      expect(errorOf(referenceForInvoice(s, 'ABC')), s).toMatch(
        /^invoice number 'ABC' has no digits for a .*choose the RF reference$/,
      );
    }
  });

  it('names the invoice number when it does not fit the scheme', () => {
    expect(errorOf(referenceForInvoice('ogm', '2026-00000042'))).toMatch(
      /^invoice number '2026-00000042': .*at most 10 digits/,
    );
    expect(errorOf(referenceForInvoice('rf', 'FÄ-1'))).toMatch(/character 'Ä' of invoice number 'FÄ-1'/);
    expect(errorOf(referenceForInvoice('rf', 'ABCDEFGHIJ-KLMNOPQRSTUV'))).toMatch(
      /22 characters; .* at most 21/,
    );
    expect(errorOf(referenceForInvoice('rf', '--'))).toMatch(/no letters or digits/);
  });

  it('refuses options that do not apply, rather than ignore them', () => {
    expect(errorOf(referenceForInvoice('vs', '42', { customerNumber: '7' }))).toMatch(/invoice number only/);
    expect(errorOf(referenceForInvoice('ogm', '42', { length: 12 }))).toMatch(
      /KID and Dutch references only/,
    );
    expect(errorOf(referenceForInvoice('fi', '4242', { customerNumber: 'ACME' }))).toMatch(
      /customer number 'ACME' has no digits/,
    );
  });

  it('makes, for every scheme and invoice number, the same reference each time, which validates and prints back', () => {
    fc.assert(
      fc.property(scheme, invoiceNumber, (s, invoice) => {
        const made = referenceForInvoice(s, invoice);
        expect(made.ok).toBe(true);
        if (!made.ok) return;
        expect(referenceForInvoice(s, invoice)).toEqual(made);
        expect(validateReference(s, made.value)).toEqual(made);
        expect(validateReference(s, formatReference(s, made.value))).toEqual(made);
      }),
    );
  });

  it('prints each scheme the way invoices show it', () => {
    expect(formatReference('rf', 'RF18539007547034')).toBe('RF18 5390 0754 7034');
    expect(formatReference('ogm', '010806817183')).toBe('+++010/8068/17183+++');
    expect(formatReference('fi', '123453')).toBe('1 23453');
    expect(formatReference('nl', '5000056789012345')).toBe('5000 0567 8901 2345');
    expect(formatReference('qrr', '210000000003139471430009017')).toBe('21 00000 00003 13947 14300 09017');
    expect(formatReference('kid-mod11', '0365327')).toBe('0365327');
    expect(formatReference('vs', '20260042')).toBe('20260042');
  });

  it('throws when asked to print something that is not a valid reference (a bug in the caller)', () => {
    expect(() => formatReference('ogm', '010806817184')).toThrow(/check digits should be 83, are 84/);
  });
});
