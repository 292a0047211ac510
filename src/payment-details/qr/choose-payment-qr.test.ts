import { decode } from 'bysquare/pay';
import { describe, expect, it } from 'vitest';
import { choosePaymentQr } from './choose-payment-qr.ts';
import type { PaymentQrInput } from './payment-qr.ts';
import { expectFailure, expectOk, IBAN, paymentInput, scan, spaydFields } from './qr-test-support.ts';

const zurich = {
  street: 'Bahnhofstrasse',
  buildingNumber: '1',
  postalCode: '8001',
  city: 'Zürich',
  country: 'CH',
};
const creditor = (iban: string, extra: Partial<PaymentQrInput['creditor']> = {}) => ({
  name: 'Duly Demo',
  iban,
  address: zurich,
  ...extra,
});

describe('choosePaymentQr picks the standard by currency and customer country', () => {
  it.each([
    [
      'CZK for a Czech customer',
      { currency: 'CZK', customerCountry: 'CZ', creditor: creditor(IBAN.cz) },
      'spayd',
    ],
    [
      'CZK for a German customer',
      { currency: 'CZK', customerCountry: 'DE', creditor: creditor(IBAN.cz) },
      'spayd',
    ],
    [
      'EUR for a Slovak customer',
      { currency: 'EUR', customerCountry: 'sk', creditor: creditor(IBAN.sk) },
      'bysquare',
    ],
    [
      'EUR for a German customer',
      { currency: 'EUR', customerCountry: 'DE', creditor: creditor(IBAN.de) },
      'epc',
    ],
    [
      'EUR for a Slovak account and an Austrian customer',
      { currency: 'EUR', customerCountry: 'AT', creditor: creditor(IBAN.sk) },
      'epc',
    ],
    [
      'CHF to a Swiss account',
      { currency: 'CHF', customerCountry: 'CH', creditor: creditor(IBAN.ch) },
      'swiss',
    ],
    [
      'EUR for a Swiss customer when the org prints QR-bills',
      { currency: 'EUR', customerCountry: 'CH', creditor: creditor(IBAN.ch), swissQrBill: true },
      'swiss',
    ],
    [
      'EUR for a Swiss customer otherwise',
      { currency: 'EUR', customerCountry: 'CH', creditor: creditor(IBAN.ch) },
      'epc',
    ],
    [
      'EUR for a Swiss customer to a German account',
      { currency: 'EUR', customerCountry: 'CH', creditor: creditor(IBAN.de), swissQrBill: true },
      'epc',
    ],
    [
      'CHF to a German account (no standard pays it)',
      { currency: 'CHF', customerCountry: 'CH', creditor: creditor(IBAN.de) },
      null,
    ],
    ['GBP', { currency: 'GBP', customerCountry: 'GB', creditor: creditor(IBAN.gb) }, null],
    ['NOK', { currency: 'NOK', customerCountry: 'NO', creditor: creditor(IBAN.no) }, null],
  ] as const)('%s', (_, overrides, standard) => {
    const qr = expectOk(choosePaymentQr(paymentInput(overrides)));
    expect(qr?.standard ?? null).toBe(standard);
  });
});

describe('choosePaymentQr puts references where each standard has room', () => {
  it('EPC: an RF reference in the structured line, the message in the information line', async () => {
    const input = paymentInput({
      reference: { kind: 'RF', value: 'RF18539007547034' },
      message: 'Invoice 42',
    });
    const lines = (await scan(expectOk(choosePaymentQr(input))!)).split('\n');
    expect(lines.slice(7)).toEqual(['EUR123.45', '', 'RF18539007547034', '', 'Invoice 42']);
  });

  it('EPC: any other reference (here a Norwegian KID) opens the remittance text, since the structured field is for RF only', async () => {
    const input = paymentInput({
      reference: { kind: 'KID', value: '2345676' },
      message: 'Faktura 42 – Bjørn',
    });
    const lines = (await scan(expectOk(choosePaymentQr(input))!)).split('\n');
    expect(lines.slice(9)).toEqual(['', '2345676 Faktura 42 – Bjørn']);
  });

  it('SPAYD: a VS reference becomes X-VS, with due date, symbols, the recipient and the message', async () => {
    const input = paymentInput({
      currency: 'CZK',
      amount: 48_050,
      creditor: { name: 'Duly Demo s.r.o.', iban: IBAN.cz },
      customerCountry: 'CZ',
      reference: { kind: 'VS', value: '2026004200' },
      symbols: { ks: '0308' },
      dueDate: '2026-03-15',
      message: 'Faktura č. 42 – Dvořák',
    });
    expect(spaydFields(await scan(expectOk(choosePaymentQr(input))!))).toEqual({
      ACC: IBAN.cz,
      AM: '480.50',
      CC: 'CZK',
      RN: 'Duly Demo s.r.o.',
      DT: '20260315',
      MSG: 'Faktura č. 42 – Dvořák',
      'X-VS': '2026004200',
      'X-KS': '0308',
    });
  });

  it('SPAYD: a legal name longer than RN’s 35 characters is left out, not cut', () => {
    const input = paymentInput({
      currency: 'CZK',
      creditor: { name: 'Duly Demo Software and Collections s.r.o.', iban: IBAN.cz },
    });
    expect(spaydFields(expectOk(choosePaymentQr(input))!.payload).RN).toBeUndefined();
  });

  it('PAY by square: the symbols, an RF reference as the originator’s reference, the creditor as beneficiary', async () => {
    const input = paymentInput({
      creditor: {
        name: 'Duly Demo s.r.o.',
        iban: IBAN.sk,
        bic: 'TATRSKBX',
        address: { ...zurich, country: 'SK' },
      },
      customerCountry: 'SK',
      reference: { kind: 'RF', value: 'RF18539007547034' },
      symbols: { vs: '2026004200', ss: '1' },
      dueDate: '2026-03-15',
    });
    const payment = decode(await scan(expectOk(choosePaymentQr(input))!)).payments[0];
    expect(payment).toMatchObject({
      amount: 123.45,
      currencyCode: 'EUR',
      paymentDueDate: '20260315',
      variableSymbol: '2026004200',
      specificSymbol: '1',
      originatorsReferenceInformation: 'RF18539007547034',
      paymentNote: 'Invoice 2026-0042',
      bankAccounts: [{ iban: IBAN.sk, bic: 'TATRSKBX' }],
      beneficiary: { name: 'Duly Demo s.r.o.', street: 'Bahnhofstrasse 1', city: '8001 Zurich' },
    });
  });

  it('Swiss: a QRR reference to the QR-IBAN; a debtor without an address is left out', async () => {
    const input = paymentInput({
      currency: 'CHF',
      creditor: creditor(IBAN.chQr),
      debtor: { name: 'Pia Rutschmann' },
      customerCountry: 'CH',
      reference: { kind: 'QRR', value: '210000000003139471430009017' },
    });
    const lines = (await scan(expectOk(choosePaymentQr(input))!)).split('\n');
    expect(lines.slice(18, 20)).toEqual(['123.45', 'CHF']);
    expect(lines.slice(20, 27)).toEqual(['', '', '', '', '', '', '']);
    expect(lines.slice(27)).toEqual(['QRR', '210000000003139471430009017', 'Invoice 2026-0042', 'EPD']);
  });

  it('Swiss: a Belgian structured communication goes into the message with reference type NON', () => {
    const input = paymentInput({
      currency: 'CHF',
      creditor: creditor(IBAN.ch),
      customerCountry: 'CH',
      reference: { kind: 'OGM', value: '+++010/8068/17183+++' },
      message: undefined,
    });
    const lines = expectOk(choosePaymentQr(input))!.payload.split('\n');
    expect(lines.slice(27)).toEqual(['NON', '', '+++010/8068/17183+++', 'EPD']);
  });
});

describe('choosePaymentQr fails where a standard applies but the data cannot fill it', () => {
  it.each([
    ['an invalid IBAN for EUR', { creditor: { name: 'Duly', iban: 'DE00370400440532013000' } }, 'iban'],
    ['a zero amount', { amount: 0 }, 'amount'],
    [
      'an RF reference with a message over the information line’s 70 characters',
      { reference: { kind: 'RF', value: 'RF18539007547034' }, message: 'm'.repeat(71) },
      'information',
    ],
    [
      'a QR-bill without the creditor’s address',
      { currency: 'CHF', creditor: { name: 'Duly', iban: IBAN.ch } },
      'creditor/address/postalCode',
    ],
    ['a QR-IBAN without a QR reference', { currency: 'CHF', creditor: creditor(IBAN.chQr) }, 'reference'],
  ] as const)('%s', (_, overrides, field) => {
    expect(expectFailure(choosePaymentQr(paymentInput(overrides))).field).toBe(field);
  });
});
