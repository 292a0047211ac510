import { describe, expect, it } from 'vitest';
import { buildEpcQr, type EpcInput } from './epc.ts';
import { expectFailure, expectOk, IBAN, scan } from './qr-test-support.ts';

function epc(overrides: Partial<EpcInput> = {}): EpcInput {
  return { currency: 'EUR', amount: 123450, name: 'Duly Demo GmbH', iban: IBAN.de, ...overrides };
}

describe('buildEpcQr', () => {
  it('scans back to the twelve elements in the order of EPC069-12, amount as EURx.yy', async () => {
    const qr = expectOk(
      buildEpcQr(
        epc({
          bic: 'COBADEFFXXX',
          purpose: 'GDDS',
          remittance: 'Invoice 2026-0042',
          information: 'Thank you',
        }),
      ),
    );
    const lines = (await scan(qr)).split('\n');
    expect(lines).toEqual([
      'BCD',
      '002',
      '1',
      'SCT',
      'COBADEFFXXX',
      'Duly Demo GmbH',
      'DE89370400440532013000',
      'EUR1234.50',
      'GDDS',
      '',
      'Invoice 2026-0042',
      'Thank you',
    ]);
    expect(qr.errorCorrection).toBe('M');
  });

  it('puts an RF reference in the structured line and stops after it, with no trailing line feed', async () => {
    const qr = expectOk(
      buildEpcQr(epc({ iban: 'DE89 3704 0044 0532 0130 00', creditorReference: 'RF18 5390 0754 7034' })),
    );
    const payload = await scan(qr);
    expect(payload).toBe(
      'BCD\n002\n1\nSCT\n\nDuly Demo GmbH\nDE89370400440532013000\nEUR1234.50\n\nRF18539007547034',
    );
  });

  it('keeps Czech, Slovak and Norwegian letters through the scan (character set 1 is UTF-8)', async () => {
    const name = 'Bjørn Dvořák Ľubica AS';
    const remittance = 'Faktúra č. 42, řádek ľ, blåbær ø';
    const lines = (await scan(expectOk(buildEpcQr(epc({ name, remittance }))))).split('\n');
    expect(lines[5]).toBe(name);
    expect(lines[10]).toBe(remittance);
    expect(lines).toHaveLength(11);
  });

  it('writes the smallest and the largest amounts the standard allows', () => {
    expect(expectOk(buildEpcQr(epc({ amount: 1 }))).payload.split('\n')[7]).toBe('EUR0.01');
    expect(expectOk(buildEpcQr(epc({ amount: 99_999_999_999 }))).payload.split('\n')[7]).toBe(
      'EUR999999999.99',
    );
  });

  it('lays out the guidelines’ sample (Red Cross of Belgium) element for element', () => {
    // The sample is version 001 and writes whole euros as "EUR1"; Duly writes 002 and two decimals.
    const sample =
      'BCD\n001\n1\nSCT\nBPOTBEB1\nRed Cross of Belgium\nBE72000000001616\nEUR1\nCHAR\n\nUrgency fund\nSample EPC QR code';
    const ours = expectOk(
      buildEpcQr({
        currency: 'EUR',
        amount: 100,
        bic: 'BPOTBEB1',
        name: 'Red Cross of Belgium',
        iban: 'BE72000000001616',
        purpose: 'CHAR',
        remittance: 'Urgency fund',
        information: 'Sample EPC QR code',
      }),
    ).payload.split('\n');
    const expected = sample.split('\n');
    expected[1] = '002';
    expected[7] = 'EUR1.00';
    expect(ours).toEqual(expected);
  });
});

describe('buildEpcQr refuses', () => {
  it.each([
    ['a currency other than EUR', { currency: 'CZK' }, 'currency'],
    ['an invalid IBAN', { iban: 'DE89370400440532013001' }, 'iban'],
    ['a name of 71 characters', { name: 'x'.repeat(71) }, 'name'],
    ['an empty name', { name: '  ' }, 'name'],
    ['a remittance text of 141 characters', { remittance: 'r'.repeat(141) }, 'remittance'],
    ['information of 71 characters', { information: 'i'.repeat(71) }, 'information'],
    ['a line break in the text', { remittance: 'two\nlines' }, 'remittance'],
    ['an amount of 0', { amount: 0 }, 'amount'],
    ['a negative amount', { amount: -500 }, 'amount'],
    ['an amount above 999 999 999.99', { amount: 100_000_000_000 }, 'amount'],
    ['a fractional amount', { amount: 12.5 }, 'amount'],
    ['a malformed BIC', { bic: 'COBA' }, 'bic'],
    ['a purpose that is not four capitals', { purpose: 'gdds' }, 'purpose'],
    ['a creditor reference that is not RF', { creditorReference: '123456789' }, 'creditorReference'],
  ] as const)('%s', (_, overrides, field) => {
    const error = expectFailure(buildEpcQr(epc(overrides)));
    expect(error.code).toBe('validation_failed');
    expect(error.field).toBe(field);
    expect(error.hint).toBeTruthy();
  });

  it('an RF reference together with a remittance text', () => {
    const error = expectFailure(
      buildEpcQr(epc({ creditorReference: 'RF18539007547034', remittance: 'Invoice 42' })),
    );
    expect(error.message).toMatch(/not both/);
  });

  it('a payload over 331 bytes, though every field is within its length', () => {
    // 70 two-byte letters and 140 two-byte letters: within the character limits, over the byte budget.
    const error = expectFailure(buildEpcQr(epc({ name: 'ø'.repeat(70), remittance: 'ř'.repeat(140) })));
    expect(error.message).toMatch(/331/);
  });
});
