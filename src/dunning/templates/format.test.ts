import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMinor, minorUnitExponent } from '../../kernel/money.ts';
import {
  domesticAccount,
  formatDate,
  formatIban,
  formatList,
  formatMoney,
  formatShortList,
  LOCALES,
} from './format.ts';

const NBSP = '\u00a0';
/** Amounts carry no-break spaces; the expectations below are typed with `~` where one must be. */
const nb = (text: string) => text.replaceAll('~', NBSP);

describe('formatMoney', () => {
  it.each([
    ['cs', 'CZK', 1234550, '12~345,50~Kč'],
    ['de', 'EUR', 1234550, '12.345,50~€'],
    ['nl', 'EUR', 1234550, '€~12.345,50'],
    ['nb', 'NOK', 1234550, '12~345,50~kr'],
    ['en', 'GBP', 1234550, '£12,345.50'],
    ['sk', 'EUR', 1234550, '12~345,50~€'],
    ['en', 'EUR', 5, '€0.05'],
    ['cs', 'CZK', 0, '0,00~Kč'],
  ] as const)('writes %s %s %i as %s', (language, currency, minor, expected) => {
    expect(formatMoney(minor, currency, language)).toBe(nb(expected));
  });

  it('writes every amount exactly as Intl does, in every language and currency (the fast path is an optimisation)', () => {
    const currencies = ['CZK', 'EUR', 'GBP', 'NOK', 'CHF', 'SEK', 'PLN', 'HUF', 'JPY', 'USD'];
    fc.assert(
      fc.property(
        fc.constantFrom(...(Object.keys(LOCALES) as (keyof typeof LOCALES)[])),
        fc.constantFrom(...currencies),
        fc.oneof(fc.integer({ min: 0, max: 10_000_000 }), fc.maxSafeNat()),
        (language, currency, minor) => {
          const digits = minorUnitExponent(currency);
          const intl = new Intl.NumberFormat(LOCALES[language], {
            style: 'currency',
            currency,
            minimumFractionDigits: digits,
            maximumFractionDigits: digits,
          });
          const decimal = formatMinor(minor, currency) as Intl.StringNumericLiteral;
          expect(formatMoney(minor, currency, language)).toBe(intl.format(decimal));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('is exact beyond 2^31 and up to the largest safe amount, where a float would round', () => {
    expect(formatMoney(2 ** 31 + 1, 'EUR', 'de')).toBe('21.474.836,49 €'.replaceAll(' ', NBSP));
    // 2^53 - 1 = 9007199254740991: as a float divided by 100 it would print ...409.91 or ...409.92 by luck.
    expect(formatMoney(Number.MAX_SAFE_INTEGER, 'CZK', 'cs')).toBe(nb('90~071~992~547~409,91~Kč'));
    expect(formatMoney(Number.MAX_SAFE_INTEGER, 'GBP', 'en')).toBe('£90,071,992,547,409.91');
    expect(formatMoney(-Number.MAX_SAFE_INTEGER, 'EUR', 'nl')).toBe(nb('€~-90.071.992.547.409,91'));
  });

  it('prints currencies without minor units without decimals and never rounds them', () => {
    expect(formatMoney(1234567, 'JPY', 'en')).toBe('JP¥1,234,567');
    expect(formatMoney(Number.MAX_SAFE_INTEGER, 'JPY', 'de')).toBe(nb('9.007.199.254.740.991~¥'));
  });

  it('refuses what is not an amount of minor units', () => {
    expect(() => formatMoney(12.5, 'EUR', 'en')).toThrow(/safe integer/);
    expect(() => formatMoney(100, 'XYZ', 'en')).toThrow(/unsupported currency/);
  });

  it('maps every language to its country locale', () => {
    expect(LOCALES).toEqual({ en: 'en-GB', cs: 'cs-CZ', sk: 'sk-SK', de: 'de-DE', nl: 'nl-NL', nb: 'nb-NO' });
  });
});

describe('formatDate', () => {
  it.each([
    ['cs', '31. 3. 2026'],
    ['sk', '31. 3. 2026'],
    ['de', '31.03.2026'],
    ['nl', '31-03-2026'],
    ['nb', '31.03.2026'],
    ['en', '31 March 2026'],
  ] as const)('writes 2026-03-31 in %s as %s', (language, expected) => {
    expect(formatDate('2026-03-31', language)).toBe(expected);
  });

  it('pads day and month where the country does, and only there', () => {
    expect(formatDate('2026-01-05', 'cs')).toBe('5. 1. 2026');
    expect(formatDate('2026-01-05', 'de')).toBe('05.01.2026');
    expect(formatDate('2026-01-05', 'nl')).toBe('05-01-2026');
    expect(formatDate('2026-01-05', 'en')).toBe('5 January 2026');
  });

  it('spells the month in the long style, in the right grammatical case', () => {
    expect(formatDate('2026-03-31', 'cs', 'long')).toBe('31. března 2026');
    expect(formatDate('2026-03-31', 'sk', 'long')).toBe('31. marca 2026');
    expect(formatDate('2026-03-31', 'de', 'long')).toBe('31. März 2026');
    expect(formatDate('2026-03-31', 'nb', 'long')).toBe('31. mars 2026');
    expect(formatDate('2026-03-31', 'nl', 'long')).toBe('31 maart 2026');
    expect(formatDate('2026-12-31', 'en', 'long')).toBe('31 December 2026');
  });

  it('does not move a day whatever the process time zone (UTC arithmetic only)', () => {
    expect(formatDate('2026-01-01', 'de', 'long')).toBe('1. Januar 2026');
    expect(formatDate('2025-12-31', 'nb', 'long')).toBe('31. desember 2025');
  });

  it('refuses impossible and malformed dates', () => {
    expect(() => formatDate('2026-02-30', 'en')).toThrow(/not a date/);
    expect(() => formatDate('31.3.2026', 'cs')).toThrow(/not a date/);
  });
});

describe('lists, IBANs and domestic accounts', () => {
  it('joins invoice numbers with the language’s "and"', () => {
    const numbers = ['A1', 'A2', 'A3'];
    expect(formatList(numbers, 'en')).toBe('A1, A2 and A3');
    expect(formatList(numbers, 'cs')).toBe(nb('A1, A2 a~A3'));
    expect(formatList(numbers, 'de')).toBe('A1, A2 und A3');
    expect(formatList(numbers, 'nl')).toBe('A1, A2 en A3');
    expect(formatList(numbers, 'nb')).toBe('A1, A2 og A3');
    expect(formatList(['A1'], 'en')).toBe('A1');
  });

  it('joins any list exactly as Intl.ListFormat does (the learnt pattern is an optimisation)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...(Object.keys(LOCALES) as (keyof typeof LOCALES)[])),
        fc.array(fc.string({ minLength: 1, maxLength: 12 }), { maxLength: 9 }),
        (language, items) => {
          const intl = new Intl.ListFormat(LOCALES[language], { style: 'long', type: 'conjunction' });
          expect(formatList(items, language)).toBe(intl.format(items));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('shortens a long list for a subject line, with the right plural', () => {
    const four = ['A1', 'A2', 'A3', 'A4'];
    expect(formatShortList(four, 'en')).toBe('A1, A2, A3 and A4');
    expect(formatShortList([...four, 'A5'], 'en')).toBe('A1, A2, A3 and 2 more');
    expect(formatShortList([...four, 'A5'], 'cs')).toBe(nb('A1, A2, A3 a~2 další'));
    expect(formatShortList([...four, 'A5', 'A6', 'A7', 'A8'], 'cs')).toBe(nb('A1, A2, A3 a~5 dalších'));
    expect(formatShortList([...four, 'A5', 'A6', 'A7', 'A8'], 'sk')).toBe('A1, A2, A3 a 5 ďalších');
    expect(formatShortList([...four, 'A5'], 'de')).toBe('A1, A2, A3 und 2 weitere');
    expect(formatShortList([...four, 'A5'], 'nl')).toBe('A1, A2, A3 en nog 2');
    expect(formatShortList([...four, 'A5'], 'nb')).toBe('A1, A2, A3 og 2 til');
  });

  it('groups an IBAN by four', () => {
    expect(formatIban('cz6508000000192000145399')).toBe('CZ65 0800 0000 1920 0014 5399');
    expect(formatIban('NO93 8601 1117 947')).toBe('NO93 8601 1117 947');
  });

  it('derives the domestic account where customers still pay with it', () => {
    expect(domesticAccount('CZ6508000000192000145399')).toBe('19-2000145399/0800');
    expect(domesticAccount('CZ6907101781240000004159')).toBe('178124-4159/0710');
    expect(domesticAccount('NO9386011117947')).toBe('8601 11 17947');
    expect(domesticAccount('GB29NWBK60161331926819')).toBe('60-16-13 31926819');
    expect(domesticAccount('DE89370400440532013000')).toBeNull();
    expect(domesticAccount('SK3112000000198742637541')).toBeNull();
  });
});
