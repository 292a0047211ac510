import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMinor } from '../../kernel/money.ts';
import { RunningBalance } from './csv-balance.ts';
import { amountExample, amountReader, dateReader } from './csv-values.ts';

describe('amountReader', () => {
  it('reads comma decimals with space, dot or apostrophe thousands, and no-break spaces from spreadsheets', () => {
    expect(amountReader({ decimal: ',', thousands: ' ' })('-1 234 567,8', 'CZK')).toBe(-123456780);
    expect(amountReader({ decimal: ',', thousands: ' ' })('1\u00a0234,50', 'CZK')).toBe(123450);
    expect(amountReader({ decimal: ',', thousands: '.' })('+1.234,50', 'EUR')).toBe(123450);
    expect(amountReader({ decimal: '.', thousands: "'" })("1'234.50", 'CHF')).toBe(123450);
    expect(amountReader({ decimal: '.', thousands: ',' })('1533.5', 'EUR')).toBe(153350);
  });

  it('refuses what is not an amount in the format: bad grouping, other marks, excess decimals', () => {
    const read = amountReader({ decimal: ',', thousands: ' ' });
    for (const text of ['12,3x', '12 34,50', '1.234,50', '1,234', '', '-', '1 234,']) {
      expect(read(text, 'EUR'), text).toBeUndefined();
    }
    expect(amountReader({ decimal: '.' })('5.5', 'JPY')).toBeUndefined();
  });

  it('reads back any amount written in the format (round trip)', () => {
    const read = amountReader({ decimal: ',', thousands: '.' });
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (minor) => {
        const [int, frac] = formatMinor(minor, 'EUR').replace('-', '').split('.');
        const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
        expect(read(`${minor < 0 ? '-' : ''}${grouped},${frac}`, 'EUR')).toBe(minor);
      }),
    );
  });

  it('describes the format for messages', () => {
    expect([amountExample({ decimal: ',', thousands: ' ' }), amountExample({ decimal: '.' })]).toEqual([
      '1 234,56',
      '1234.56',
    ]);
  });
});

describe('dateReader', () => {
  it.each([
    ['YYYY-MM-DD', '2026-03-01 14:05'],
    ['DD.MM.YYYY', '01.03.2026'],
    ['DD/MM/YYYY', '01/03/2026'],
    ['MM/DD/YYYY', '03/01/2026'],
    ['D.M.YYYY', '1. 3. 2026'],
    ['DD/MM/YY', '01/03/26'],
  ] as const)('reads %s (%s) as 2026-03-01', (format, text) => {
    expect(dateReader(format)(text)).toBe('2026-03-01');
  });

  it('refuses days that do not exist and other shapes', () => {
    expect(dateReader('DD.MM.YYYY')('29.02.2026')).toBeUndefined();
    expect(dateReader('MM/DD/YYYY')('13/01/2026')).toBeUndefined();
    expect(dateReader('YYYY-MM-DD')('01.03.2026')).toBeUndefined();
  });
});

describe('RunningBalance', () => {
  const row = (line: number, date: string, amount: number, balance: number) => ({
    line,
    date,
    amount,
    balance,
    currency: 'EUR',
  });

  it('holds for rows oldest first and closes at the last row', () => {
    const b = new RunningBalance();
    for (const r of [row(2, '2026-03-01', 100, 1100), row(3, '2026-03-02', -50, 1050)]) b.add(r);
    expect(b.result()).toEqual({ closing: 1050, problem: null });
  });

  it('holds for rows newest first and closes at the first row', () => {
    const b = new RunningBalance();
    for (const r of [row(2, '2026-03-02', -50, 1050), row(3, '2026-03-01', 100, 1100)]) b.add(r);
    expect(b.result()).toEqual({ closing: 1050, problem: null });
  });

  it('takes the order that holds while all dates are equal, and reports the first break of the order the dates show', () => {
    const same = new RunningBalance();
    for (const r of [row(2, '2026-03-01', -50, 1050), row(3, '2026-03-01', 100, 1100)]) same.add(r);
    expect(same.result()).toEqual({ closing: 1050, problem: null });
    const broken = new RunningBalance();
    for (const r of [
      row(2, '2026-03-01', 100, 1100),
      row(3, '2026-03-02', -50, 1051),
      row(4, '2026-03-03', 1, 1052),
    ]) {
      broken.add(r);
    }
    expect(broken.result().problem).toEqual({
      line: 3,
      message:
        "the balance 10.51 EUR does not follow from the balance 11.00 EUR of line 2 and this row's amount -0.50 EUR " +
        '(expected 10.50 EUR; rows oldest first)',
    });
  });
});
