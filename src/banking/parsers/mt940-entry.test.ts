import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../kernel/dates.ts';
import { StatementError } from '../statement.ts';
import { mt940Entry } from './mt940-entry.ts';
import { entryDate, mt940Amount, mt940Balance, mt940Date } from './mt940-values.ts';

describe('mt940Entry', () => {
  it('reads value date, entry date, mark, funds code, amount, type and both references', () => {
    const e = mt940Entry(
      ['1409010902DR000000000001,62NTRF0000549855700010//025498557/000001'],
      'line 5',
      'EUR',
    );
    expect(e).toMatchObject({
      valueDate: '2014-09-01',
      bookingDate: '2014-09-02',
      direction: 'debit',
      reversal: false,
      amount: 162,
      typeCode: 'NTRF',
      customerReference: '0000549855700010',
      bankReference: '025498557/000001',
    });
  });

  it.each([
    ['C', 'credit', false],
    ['D', 'debit', false],
    ['RC', 'debit', true],
    ['RD', 'credit', true],
  ] as const)('reads mark %s as %s (reversal %s), as SWIFT defines it', (mark, direction, reversal) => {
    const e = mt940Entry([`250314${mark}10,00NTRFNONREF`], 'line 1', 'EUR');
    expect([e.direction, e.reversal]).toEqual([direction, reversal]);
  });

  it('puts an entry date across the year end in the year nearest the value date', () => {
    expect(mt940Entry(['2512310102C1,NTRFX'], 'line 1', 'EUR').bookingDate).toBe('2026-01-02');
    expect(mt940Entry(['2601021231C1,NTRFX'], 'line 1', 'EUR').bookingDate).toBe('2025-12-31');
    expect(entryDate('0615', '2025-06-14', 'line 1').date).toBe('2025-06-15');
  });

  it('finds any booking date within five months of the value date from its MMDD alone', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: -150, max: 150 }), (day, gap) => {
        const value = addDays('2000-01-01', day);
        const booked = addDays(value, gap);
        expect(entryDate(booked.slice(5, 7) + booked.slice(8, 10), value, 'line 1').date).toBe(booked);
      }),
    );
  });

  it('reads an entry date slot of four spaces as no entry date', () => {
    expect(mt940Entry(['240312    DD212,39NMSCNONREF//'], 'line 1', 'USD')).toMatchObject({
      bookingDate: null,
      direction: 'debit',
      amount: 21239,
      bankReference: null,
    });
  });

  it('reads a Sparkasse entry broken between mark and amount, and supplementary details', () => {
    const e = mt940Entry(['1811261126CR', '30,00N062NONREF', 'NL66RABO0160878799'], 'line 1', 'EUR');
    expect([e.amount, e.typeCode, e.counterIban]).toEqual([3000, 'N062', 'NL66RABO0160878799']);
  });

  it("reads Rabobank's padded customer reference followed by the counterparty's name", () => {
    const e = mt940Entry(['110527D000000001213,28N0440121470966      W.P. Jansen'], 'line 1', 'EUR');
    expect([e.customerReference, e.supplementary]).toEqual(['0121470966', 'W.P. Jansen']);
  });

  it('refuses what is not an entry, quoting it and the line', () => {
    expect(() => mt940Entry(['2503140314X1,00NTRF'], 'line 9', 'EUR')).toThrow(
      /^line 9: ':61:2503140314X1,00NTRF' is not a statement line/,
    );
  });
});

describe('MT940 values', () => {
  it('reads amounts with a decimal comma, zero padding, no decimals or no comma', () => {
    expect(
      ['380115,12', '380115,1', '380115,', '0,12', '00,12', '001,12', '500'].map((t) =>
        mt940Amount(t, 'EUR', ''),
      ),
    ).toEqual([38011512, 38011510, 38011500, 12, 12, 112, 50000]);
  });

  it('refuses an amount with more decimals than its currency has, saying where', () => {
    expect(() => mt940Amount('1,234', 'EUR', 'line 4')).toThrow(StatementError);
    expect(() => mt940Amount('1,5', 'JPY', 'line 4')).toThrow(/line 4: '1,5' is not an amount in JPY/);
  });

  it('reads 30 February as the last day of February, with a note; refuses month 13', () => {
    expect(mt940Date('160230', 'line 6', 'value date')).toEqual({
      date: '2016-02-29',
      note: 'line 6: value date 160230 does not exist; read as 2016-02-29, the last day of its month',
    });
    expect(mt940Date('250230', 'line 6').date).toBe('2025-02-28');
    expect(() => mt940Date('251301', 'line 6')).toThrow(/line 6: date 251301 is not a date/);
  });

  it('reads C and D balances, with the currency given or taken from the statement', () => {
    expect(mt940Balance('D140829EUR000000000147,64', 'l', null)).toMatchObject({
      amount: -14764,
      currency: 'EUR',
    });
    expect(mt940Balance('C020315105000,00', 'l', 'EUR').amount).toBe(10500000);
    expect(mt940Balance('D190731EUR0,00', 'l', null).amount).toBe(0);
    expect(Object.is(mt940Balance('D190731EUR0,00', 'l', null).amount, -0)).toBe(false);
  });
});
