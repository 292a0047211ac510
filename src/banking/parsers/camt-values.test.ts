import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMinor } from '../../kernel/money.ts';
import { joinText, parseAmount, parseDate, referenceKind, symbolsFromEndToEndId } from './camt-values.ts';

const AT = '/Document/BkToCstmrStmt/Stmt[1]/Ntry[1]/Amt';

describe('camt values', () => {
  it('reads any amount written with its currency decimals, plus any number of trailing zeros', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('EUR', 'CZK', 'JPY', 'HUF'),
        fc.integer({ min: 0, max: 10 ** 13 }),
        fc.nat(6),
        (ccy, minor, zeros) => {
          const text = formatMinor(minor, ccy);
          const padded = text.includes('.')
            ? text + '0'.repeat(zeros)
            : zeros > 0
              ? `${text}.${'0'.repeat(zeros)}`
              : text;
          expect(parseAmount(padded, ccy, AT)).toBe(minor);
        },
      ),
    );
  });

  it('reads amounts with fewer decimals than the currency has ("15710.7", "100321")', () => {
    expect(parseAmount('15710.7', 'EUR', AT)).toBe(1571070);
    expect(parseAmount('100321', 'EUR', AT)).toBe(10032100);
    expect(parseAmount(' 2700 ', 'JPY', AT)).toBe(2700);
  });

  it('refuses excess precision, signs, commas, missing and unsupported currencies, naming the element', () => {
    expect(() => parseAmount('5442.09001', 'EUR', AT)).toThrow(
      `${AT}: amount 5442.09001 EUR has more than 2 decimals`,
    );
    expect(() => parseAmount('1.5', 'JPY', AT)).toThrow('more than 0 decimals');
    expect(() => parseAmount('-1.00', 'EUR', AT)).toThrow('"-1.00" is not an unsigned decimal amount');
    expect(() => parseAmount('1,00', 'EUR', AT)).toThrow('not an unsigned decimal amount');
    expect(() => parseAmount('1.00', undefined, AT)).toThrow('amount has no Ccy attribute');
    expect(() => parseAmount('5442.09000', 'RON', AT)).toThrow(`${AT}: currency RON is not supported`);
    expect(() => parseAmount('99999999999999999.00', 'EUR', AT)).toThrow('or is too large');
  });

  it('reads the local date of a Dt or DtTm, and refuses impossible dates', () => {
    expect(parseDate('2014-12-31T13:15:00+01:00', AT)).toBe('2014-12-31');
    expect(parseDate('2025-07-23T00:00:00.000000000', AT)).toBe('2025-07-23');
    expect(parseDate(' 2024-02-29 ', AT)).toBe('2024-02-29');
    expect(() => parseDate('2023-02-29', AT)).toThrow('"2023-02-29" is not a date');
    expect(() => parseDate('2023-02-281', AT)).toThrow('is not a date');
  });

  it('classifies creditor references by type, not by guessing from free text', () => {
    expect(referenceKind('SCOR', null, 'RF18539007547034')).toBe('RF');
    expect(referenceKind('SCOR', null, '4654654654654654')).toBe('other');
    expect(referenceKind(null, 'QRR', '210000000003139471430009017')).toBe('QRR');
    expect(referenceKind(null, 'ISR Reference', '302388292000011111111111111')).toBe('QRR');
    expect(referenceKind(null, null, 'RF18539007547034')).toBe('other');
  });

  it('reads Slovak symbols from an end-to-end id, and nothing from an ordinary one', () => {
    expect(symbolsFromEndToEndId('/VS2026001/SS/KS0308')).toEqual({ vs: '2026001', ss: null, ks: '0308' });
    expect(symbolsFromEndToEndId('/VS1/SS22/KS333')).toEqual({ vs: '1', ss: '22', ks: '333' });
    expect(symbolsFromEndToEndId('MUELL/FINP/RA12345')).toBeNull();
    expect(symbolsFromEndToEndId('/VS/SS/KS')).toBeNull();
    expect(symbolsFromEndToEndId(null)).toBeNull();
  });

  it('joins texts with single spaces, skipping empty ones', () => {
    expect(joinText(['Invoice\n  7', null, '', ' and 8 '])).toBe('Invoice 7 and 8');
    expect(joinText([null, ''])).toBe('');
  });
});
