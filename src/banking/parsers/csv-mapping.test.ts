import { describe, expect, it } from 'vitest';
import { validateCsvMapping } from './csv-mapping.ts';
import { suggestCsvMapping } from './csv-suggest.ts';

const minimal = {
  decimal: ',',
  dateFormat: 'DD.MM.YYYY',
  currency: 'EUR',
  columns: { date: 'Datum', amount: 'Betrag' },
};

describe('validateCsvMapping', () => {
  it('accepts a minimal mapping as it is', () => {
    expect(validateCsvMapping(minimal)).toEqual({ ok: true, value: minimal });
  });

  it('says which field is wrong and how, listing every problem', () => {
    const r = validateCsvMapping({ ...minimal, decimal: ';', dateFormat: 'YYYYMMDD', currency: 'XYZ' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('validation_failed');
    expect(r.error.message).toBe(
      'the CSV mapping is not valid: mapping/decimal: the decimal mark is "." or ","',
    );
    expect(r.error.errors!.map((e) => e.field)).toEqual([
      'mapping/decimal',
      'mapping/dateFormat',
      'mapping/currency',
    ]);
    expect(r.error.errors![1]!.message).toMatch(/^the date format is one of YYYY-MM-DD, DD.MM.YYYY/);
    expect(r.error.hint).toMatch(/"columns": \{ "date": "Datum", "amount": "Betrag" \}/);
    const cross = validateCsvMapping({ ...minimal, columns: { date: 'Datum' } });
    expect(cross.ok ? null : cross.error.errors).toEqual([
      { field: 'mapping/columns/amount', message: 'name the amount column, or the credit and debit columns' },
    ]);
  });

  it('refuses contradictions: amount and credit/debit, a direction without amount, equal decimal and thousands', () => {
    const fields = (m: unknown) => {
      const r = validateCsvMapping(m);
      return r.ok ? [] : r.error.errors!.map((e) => `${e.field}: ${e.message}`);
    };
    expect(fields({ ...minimal, columns: { date: 'D', amount: 'A', credit: 'C' } })).toEqual([
      'mapping/columns/amount: give either an amount column or credit/debit columns, not both',
    ]);
    expect(fields({ ...minimal, columns: { date: 'D', credit: 'C', direction: 'DC' } })).toEqual([
      'mapping/columns/direction: a direction column gives the sign of the amount column: name that too',
    ]);
    expect(fields({ ...minimal, thousands: ',' })).toEqual([
      'mapping/thousands: the thousands separator must differ from the decimal mark',
    ]);
    expect(fields({ ...minimal, currency: undefined })).toEqual([
      'mapping/currency: give the currency of the amounts, or the column that holds it',
    ]);
    expect(fields({ ...minimal, header: false })).toEqual([
      'mapping/columns/date: without a header, name columns by number: "1" is the first',
      'mapping/columns/amount: without a header, name columns by number: "1" is the first',
    ]);
    expect(fields({ ...minimal, account: { iban: 'CZ65 0800 0000 1920 0014 5398' } })).toEqual([
      'mapping/account/iban: the account IBAN is not valid (check digits)',
    ]);
    expect(fields({ ...minimal, colums: {} })[0]).toMatch(/^mapping: /);
  });
});

describe('suggestCsvMapping', () => {
  it('guesses a German export: semicolons, decimal comma, date, texts, amount with its currency, balance', () => {
    expect(
      suggestCsvMapping('Buchungstag;Wertstellung;Verwendungszweck;Buchungstext;Betrag (EUR);Saldo\r\n'),
    ).toEqual({
      delimiter: ';',
      decimal: ',',
      columns: {
        date: 'Buchungstag',
        valueDate: 'Wertstellung',
        text: ['Verwendungszweck', 'Buchungstext'],
        amount: 'Betrag (EUR)',
        balance: 'Saldo',
      },
    });
  });

  it('guesses Czech, Slovak, Dutch and Norwegian header names, ignoring case and accents', () => {
    expect(
      suggestCsvMapping('"Datum";"Objem";"Měna";"Protiúčet";"Název protiúčtu";"VS";"Zpráva pro příjemce"')
        .columns,
    ).toEqual({
      date: 'Datum',
      amount: 'Objem',
      currency: 'Měna',
      payerAccount: 'Protiúčet',
      payerName: 'Název protiúčtu',
      reference: 'VS',
      text: 'Zpráva pro příjemce',
    });
    expect(suggestCsvMapping('Dátum transakcie;Suma;Správa pre príjemcu;Variabilný symbol').columns).toEqual({
      date: 'Dátum transakcie',
      amount: 'Suma',
      text: 'Správa pre príjemcu',
      reference: 'Variabilný symbol',
    });
    expect(
      suggestCsvMapping('Datum,Naam / Omschrijving,Rekening,Tegenrekening,Af Bij,Bedrag (EUR),Mededelingen')
        .columns,
    ).toEqual({
      date: 'Datum',
      direction: 'Af Bij',
      amount: 'Bedrag (EUR)',
      text: 'Mededelingen',
      payerName: 'Naam / Omschrijving',
      payerAccount: 'Tegenrekening',
    });
    expect(suggestCsvMapping('Dato\tForklaring\tRentedato\tUt fra konto\tInn på konto').columns).toEqual({
      date: 'Dato',
      text: 'Forklaring',
      valueDate: 'Rentedato',
      debit: 'Ut fra konto',
      credit: 'Inn på konto',
    });
  });

  it('suggests nothing it cannot recognise', () => {
    expect(suggestCsvMapping('foo,bar,baz')).toEqual({ delimiter: ',', columns: {} });
  });
});
