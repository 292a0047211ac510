import fc from 'fast-check';
import { calculateQRReferenceChecksum, isQRReferenceValid } from 'swissqrbill/utils';
import { describe, expect, it } from 'vitest';
// The package builds the same payload for its PDF and SVG bills but does not export the function; its
// module file serves here as an independent implementation to compare with.
import { generateQRData } from '../../../node_modules/swissqrbill/lib/esm/shared/qr-code.js';
import { formatMinor } from '../../kernel/money.ts';
import type { PostalAddress } from './payment-qr.ts';
import { expectFailure, expectOk, IBAN, scan } from './qr-test-support.ts';
import { buildSwissQr, isQrIban, isValidQrReference, type SwissQrBillInput } from './swiss-qr-bill.ts';

const QRR = '210000000003139471430009017';
const zurich: PostalAddress = {
  street: 'Bahnhofstrasse',
  buildingNumber: '1',
  postalCode: '8001',
  city: 'Zürich',
  country: 'CH',
};
const bern: PostalAddress = {
  street: 'Marktgasse',
  buildingNumber: '28',
  postalCode: '3011',
  city: 'Bern',
  country: 'CH',
};

function bill(overrides: Partial<SwissQrBillInput> = {}): SwissQrBillInput {
  return {
    currency: 'CHF',
    amount: 194_975,
    creditor: { name: 'Duly Demo AG', iban: IBAN.chQr, address: zurich },
    reference: { type: 'QRR', value: QRR },
    ...overrides,
  };
}

describe('buildSwissQr', () => {
  it('scans back (through the Swiss cross) to the SPC 0200 elements in the guidelines’ order', async () => {
    const qr = expectOk(
      buildSwissQr(bill({ debtor: { name: 'Pia Rutschmann', address: bern }, message: 'Invoice 2026-0042' })),
    );
    const payload = await scan(qr);
    expect(payload.endsWith('EPD')).toBe(true);
    expect(payload.split('\n')).toEqual([
      ...['SPC', '0200', '1', 'CH4431999123000889012'],
      ...['S', 'Duly Demo AG', 'Bahnhofstrasse', '1', '8001', 'Zürich', 'CH'],
      ...['', '', '', '', '', '', ''],
      ...['1949.75', 'CHF'],
      ...['S', 'Pia Rutschmann', 'Marktgasse', '28', '3011', 'Bern', 'CH'],
      ...['QRR', QRR, 'Invoice 2026-0042', 'EPD'],
    ]);
  });

  it.each([
    ['a QR reference to a QR-IBAN', bill({ debtor: { name: 'Pia Rutschmann', address: bern } })],
    [
      'an RF reference to a normal IBAN, in euros',
      bill({
        currency: 'EUR',
        creditor: { name: 'Duly Demo AG', iban: IBAN.ch, address: zurich },
        reference: { type: 'SCOR', value: 'RF18539007547034' },
        message: 'Rechnung 42',
      }),
    ],
    [
      'no reference and no debtor',
      bill({ creditor: { name: 'Duly Demo AG', iban: IBAN.ch, address: zurich }, reference: undefined }),
    ],
  ])('writes the same payload as the swissqrbill package for %s', (_, input) => {
    const party = (name: string, a: PostalAddress) => ({
      name,
      address: a.street,
      buildingNumber: a.buildingNumber,
      zip: a.postalCode,
      city: a.city,
      country: a.country,
    });
    const theirs = generateQRData({
      currency: input.currency as 'CHF' | 'EUR',
      amount: Number(formatMinor(input.amount, input.currency)),
      creditor: { account: input.creditor.iban, ...party(input.creditor.name, input.creditor.address) },
      ...(input.debtor && { debtor: party(input.debtor.name, input.debtor.address) }),
      ...(input.reference && { reference: input.reference.value }),
      ...(input.message && { message: input.message }),
    });
    expect(expectOk(buildSwissQr(input)).payload).toBe(theirs);
  });

  it('keeps Czech, Slovak and Norwegian letters, which the Swiss character set includes', async () => {
    const qr = expectOk(
      buildSwissQr(
        bill({
          debtor: { name: 'Bjørn Dvořák', address: { ...bern, city: 'Ľubochňa', country: 'SK' } },
          message: 'Přeplatek ľ ø',
        }),
      ),
    );
    const lines = (await scan(qr)).split('\n');
    expect([lines[21], lines[25], lines[29]]).toEqual(['Bjørn Dvořák', 'Ľubochňa', 'Přeplatek ľ ø']);
  });
});

describe('QR-IBAN and QR reference checks', () => {
  it('tells a QR-IBAN (institution id 30000-31999) from a normal IBAN', () => {
    expect(isQrIban(IBAN.chQr)).toBe(true);
    expect(isQrIban(IBAN.ch)).toBe(false);
    expect(isQrIban('CH4432000123000889012')).toBe(false);
  });

  it('agrees with the swissqrbill package on any 27 digits', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 27, maxLength: 27 }),
        (digits) => {
          expect(isValidQrReference(digits)).toBe(isQRReferenceValid(digits));
        },
      ),
    );
  });

  it('accepts every reference completed with the package’s check digit, and no other last digit', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 26, maxLength: 26 }),
        (body) => {
          const check = calculateQRReferenceChecksum(body);
          for (const digit of '0123456789') expect(isValidQrReference(body + digit)).toBe(digit === check);
        },
      ),
    );
  });
});

describe('buildSwissQr refuses', () => {
  const normal = { name: 'Duly Demo AG', iban: IBAN.ch, address: zurich };
  it.each([
    ['a QR reference with a normal IBAN', bill({ creditor: normal }), 'reference'],
    [
      'an RF reference with a QR-IBAN',
      bill({ reference: { type: 'SCOR', value: 'RF18539007547034' } }),
      'reference',
    ],
    ['no reference with a QR-IBAN', bill({ reference: undefined }), 'reference'],
    [
      'a QR reference with a wrong check digit',
      bill({ reference: { type: 'QRR', value: `${QRR.slice(0, 26)}8` } }),
      'reference/value',
    ],
    [
      'a German IBAN',
      bill({ creditor: { ...normal, iban: IBAN.de }, reference: undefined }),
      'creditor/iban',
    ],
    ['a currency other than CHF and EUR', bill({ currency: 'GBP' }), 'currency'],
    ['a Greek letter in the message', bill({ message: 'Ωmega' }), 'message'],
    [
      'an emoji in the creditor name',
      bill({ creditor: { ...normal, name: 'Duly 🚀' }, reference: undefined }),
      'creditor/name',
    ],
    [
      'a city of 36 characters',
      bill({ creditor: { ...normal, address: { ...zurich, city: 'c'.repeat(36) } } }),
      'creditor/address/city',
    ],
    ['a message of 141 characters', bill({ message: 'm'.repeat(141) }), 'message'],
    ['an amount of 0', bill({ amount: 0 }), 'amount'],
    ['an amount above 999 999 999.99', bill({ amount: 100_000_000_000 }), 'amount'],
    [
      'a creditor without a postal code',
      bill({ creditor: { ...normal, address: { ...zurich, postalCode: '' } } }),
      'creditor/address/postalCode',
    ],
  ] as const)('%s', (_, input, field) => {
    const error = expectFailure(buildSwissQr(input));
    expect(error.field).toBe(field);
    expect(error.hint).toBeTruthy();
  });
});
