import { decode } from 'bysquare/pay';
import { describe, expect, it } from 'vitest';
import { buildPayBySquareQr, type PayBySquareInput } from './pay-by-square.ts';
import { expectFailure, expectOk, IBAN, scan } from './qr-test-support.ts';

function square(overrides: Partial<PayBySquareInput> = {}): PayBySquareInput {
  return { currency: 'EUR', amount: 4550, iban: IBAN.sk, beneficiaryName: 'Duly Demo s.r.o.', ...overrides };
}

describe('buildPayBySquareQr', () => {
  it('scans back to a code the bysquare decoder reads field by field', async () => {
    const qr = expectOk(
      buildPayBySquareQr(
        square({
          amount: 123_456,
          bic: 'TATRSKBX',
          dueDate: '2026-03-15',
          vs: '2026004200',
          ss: '12',
          ks: '0308',
          note: 'Faktura 2026-0042',
          beneficiaryStreet: 'Hlavná 1',
          beneficiaryCity: '811 01 Bratislava',
        }),
      ),
    );
    const text = await scan(qr);
    expect(text).toBe(qr.payload);
    const [payment, ...others] = decode(text).payments;
    expect(others).toEqual([]);
    expect(payment).toMatchObject({
      type: 1,
      amount: 1234.56,
      currencyCode: 'EUR',
      paymentDueDate: '20260315',
      variableSymbol: '2026004200',
      specificSymbol: '12',
      constantSymbol: '0308',
      paymentNote: 'Faktura 2026-0042',
      bankAccounts: [{ iban: IBAN.sk, bic: 'TATRSKBX' }],
      beneficiary: { name: 'Duly Demo s.r.o.', street: 'Hlavna 1', city: '811 01 Bratislava' },
    });
  });

  it('carries an RF reference as the SEPA originator’s reference', () => {
    const qr = expectOk(buildPayBySquareQr(square({ originatorsReference: 'RF18539007547034' })));
    expect(decode(qr.payload).payments[0]?.originatorsReferenceInformation).toBe('RF18539007547034');
  });

  it('writes amounts without float noise: 0.01, 0.10 and 999 999 999 999.99', () => {
    const amounts = [1, 10, 99_999_999_999_999].map(
      (amount) => decode(expectOk(buildPayBySquareQr(square({ amount }))).payload).payments[0]?.amount,
    );
    expect(amounts).toEqual([0.01, 0.1, 999_999_999_999.99]);
  });

  it('strips accents by default, as Slovak banking apps expect, and keeps them when asked', () => {
    const input = square({ beneficiaryName: 'Ľubomír Šťastný', note: 'Faktúra č. 7, ø' });
    const plain = decode(expectOk(buildPayBySquareQr(input)).payload).payments[0];
    expect(plain?.beneficiary.name).toBe('Lubomir Stastny');
    expect(plain?.paymentNote).toBe('Faktura c. 7, o');
    const kept = decode(expectOk(buildPayBySquareQr({ ...input, keepDiacritics: true })).payload).payments[0];
    expect(kept?.beneficiary.name).toBe('Ľubomír Šťastný');
    expect(kept?.paymentNote).toBe('Faktúra č. 7, ø');
  });

  it('gives the same code for the same input and leaves the input as it was', () => {
    const input = square({ note: 'Ďakujeme' });
    const first = expectOk(buildPayBySquareQr(input)).payload;
    expect(expectOk(buildPayBySquareQr(input)).payload).toBe(first);
    expect(input.note).toBe('Ďakujeme');
    expect(first).toMatch(/^[0-9A-V]+$/);
  });
});

describe('buildPayBySquareQr refuses', () => {
  it.each([
    ['a missing beneficiary name (required since 1.2)', { beneficiaryName: '' }, 'beneficiaryName'],
    ['a currency other than EUR', { currency: 'CZK' }, 'currency'],
    ['a constant symbol of 5 digits', { ks: '12345' }, 'ks'],
    ['a note of 141 characters', { note: 'n'.repeat(141) }, 'note'],
    ['an invalid IBAN', { iban: 'SK3112000000198742637542' }, 'iban'],
    ['an amount of 0', { amount: 0 }, 'amount'],
    ['a malformed BIC', { bic: 'TATR-SK' }, 'bic'],
    ['a due date that is not ISO', { dueDate: '15.03.2026' }, 'dueDate'],
  ] as const)('%s', (_, overrides, field) => {
    const error = expectFailure(buildPayBySquareQr(square(overrides)));
    expect(error.field).toBe(field);
    expect(error.hint).toBeTruthy();
  });
});
