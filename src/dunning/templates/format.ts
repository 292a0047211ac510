import { type IsoDate, isIsoDate } from '../../kernel/dates.ts';
import { normalizeIban } from '../../kernel/iban.ts';
import type { Language } from '../../kernel/locale.ts';
import { assertMinor, formatMinor, minorUnitExponent } from '../../kernel/money.ts';

/**
 * Locale formatting for what a customer reads: amounts, dates, lists, bank accounts. Pure and exact;
 * the output uses the locale's own no-break spaces (U+00A0) so "12 345,50 Kč" never wraps between
 * its digits and its currency.
 */
export const LOCALES: Readonly<Record<Language, string>> = Object.freeze({
  en: 'en-GB',
  cs: 'cs-CZ',
  sk: 'sk-SK',
  de: 'de-DE',
  nl: 'nl-NL',
  nb: 'nb-NO',
});

// Building an Intl formatter costs far more than using one; a run formats thousands of amounts.
const moneyFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(language: Language, currency: string): Intl.NumberFormat {
  const key = `${language}:${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    // The kernel's exponent wins over ICU's idea of the currency's digits, so nothing is ever rounded.
    const digits = minorUnitExponent(currency);
    format = new Intl.NumberFormat(LOCALES[language], {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    moneyFormats.set(key, format);
  }
  return format;
}

/**
 * Formats minor units in the customer's locale, exactly: the decimal string goes to Intl as a string
 * (never through a float), so 2^53 - 1 haléře still print every digit.
 *
 * @example
 *   formatMoney(1234550, 'CZK', 'cs') // "12 345,50 Kč" (with no-break spaces)
 *   formatMoney(1234550, 'EUR', 'nl') // "€ 12.345,50"
 */
export function formatMoney(minor: number, currency: string, language: Language): string {
  assertMinor(minor);
  const key = `${language}:${currency}`;
  let fast = fastMoney.get(key);
  if (fast === undefined) {
    fast = fastMoneyFormat(language, currency);
    fastMoney.set(key, fast);
  }
  if (fast && minor >= 0) return fast(minor);
  return intlMoney(minor, currency, language);
}

function intlMoney(minor: number, currency: string, language: Language): string {
  const decimal = formatMinor(minor, currency) as Intl.StringNumericLiteral;
  return moneyFormat(language, currency).format(decimal);
}

const fastMoney = new Map<string, ((minor: number) => string) | null>();

/**
 * Intl's pattern for a language and currency, learnt once from formatToParts and replayed with
 * string operations: a run formats millions of amounts, and Intl.NumberFormat.format costs
 * microseconds each. Only for amounts >= 0 in the patterns this understands (prefix, integer groups
 * of three, decimal part, suffix); it checks itself against Intl on probe amounts and returns null
 * (Intl is used) when anything differs.
 */
function fastMoneyFormat(language: Language, currency: string): ((minor: number) => string) | null {
  const exp = minorUnitExponent(currency);
  const parts = moneyFormat(language, currency).formatToParts(
    `1234567${exp ? `.${'8'.repeat(exp)}` : ''}` as Intl.StringNumericLiteral,
  );
  const firstNumber = parts.findIndex((p) => p.type === 'integer');
  const lastNumber = parts.findLastIndex((p) => ['integer', 'group', 'decimal', 'fraction'].includes(p.type));
  if (firstNumber < 0) return null;
  const prefix = parts
    .slice(0, firstNumber)
    .map((p) => p.value)
    .join('');
  const suffix = parts
    .slice(lastNumber + 1)
    .map((p) => p.value)
    .join('');
  const group = parts.find((p) => p.type === 'group')?.value ?? '';
  const decimal = parts.find((p) => p.type === 'decimal')?.value ?? '';
  const format = (minor: number): string => {
    const digits = String(minor).padStart(exp + 1, '0');
    const int = digits.slice(0, digits.length - exp);
    let grouped = '';
    for (let end = int.length; end > 0; end -= 3) {
      const start = Math.max(0, end - 3);
      grouped =
        start > 0 ? `${group}${int.slice(start, end)}${grouped}` : `${int.slice(start, end)}${grouped}`;
    }
    return `${prefix}${grouped}${exp ? `${decimal}${digits.slice(-exp)}` : ''}${suffix}`;
  };
  const probes = [0, 1, 99, 100, 999, 1000, 12345, 123456, 1234567, 987654321, 9007199254740991];
  return probes.every((p) => format(p) === intlMoney(p, currency, language)) ? format : null;
}

const EN_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

export type DateStyle = 'short' | 'long';

const longDates = new Map<Language, Intl.DateTimeFormat>();

function longDate(language: Language): Intl.DateTimeFormat {
  let format = longDates.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALES[language], {
      timeZone: 'UTC',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    });
    longDates.set(language, format);
  }
  return format;
}

/**
 * A calendar date the way the customer writes it. `short` is the everyday form of each country
 * (built by hand, so it does not move with ICU versions); `long` spells the month, as formal letters
 * do. British English always spells the month: "31/03/2026" reads as March only to half the world.
 *
 * @example
 *   formatDate('2026-03-31', 'cs') // "31. 3. 2026"
 *   formatDate('2026-03-31', 'de') // "31.03.2026"
 *   formatDate('2026-03-31', 'nl') // "31-03-2026"
 *   formatDate('2026-03-31', 'en') // "31 March 2026"
 *   formatDate('2026-03-31', 'cs', 'long') // "31. března 2026"
 */
export function formatDate(iso: IsoDate, language: Language, style: DateStyle = 'short'): string {
  // A run prints the same hundred dates a million times.
  const key = `${language}${style}${iso}`;
  const cached = formattedDates.get(key);
  if (cached !== undefined) return cached;
  const formatted = formatDateOnce(iso, language, style);
  if (formattedDates.size >= 20_000) formattedDates.clear();
  formattedDates.set(key, formatted);
  return formatted;
}

const formattedDates = new Map<string, string>();

function formatDateOnce(iso: IsoDate, language: Language, style: DateStyle): string {
  if (!isIsoDate(iso)) throw new Error(`not a date: ${String(iso)}`);
  const [y, m, d] = iso.split('-') as [string, string, string];
  const day = Number(d);
  const month = Number(m);
  if (style === 'long') {
    return longDate(language).format(new Date(Date.UTC(Number(y), month - 1, day)));
  }
  switch (language) {
    case 'en':
      return `${day} ${EN_MONTHS[month - 1]} ${y}`;
    case 'cs':
    case 'sk':
      return `${day}. ${month}. ${y}`;
    case 'de':
    case 'nb':
      return `${d}.${m}.${y}`;
    case 'nl':
      return `${d}-${m}-${y}`;
  }
}

const listFormats = new Map<Language, Intl.ListFormat>();

function intlList(items: readonly string[], language: Language): string {
  let format = listFormats.get(language);
  if (!format) {
    format = new Intl.ListFormat(LOCALES[language], { style: 'long', type: 'conjunction' });
    listFormats.set(language, format);
  }
  return format.format(items);
}

/**
 * Intl's list pattern ("A, B and C") learnt once per language: the separator between items and the
 * one before the last. Null (Intl is used) when the language's lists do not follow that shape.
 */
const simpleLists = new Map<Language, { readonly between: string; readonly last: string } | null>();

function simpleList(language: Language): { readonly between: string; readonly last: string } | null {
  let pattern = simpleLists.get(language);
  if (pattern === undefined) {
    const three = intlList(['#1#', '#2#', '#3#'], language);
    const m = /^#1#(.*)#2#(.*)#3#$/s.exec(three);
    pattern = m ? { between: m[1]!, last: m[2]! } : null;
    if (pattern && intlList(['#1#', '#2#'], language) !== `#1#${pattern.last}#2#`) pattern = null;
    simpleLists.set(language, pattern);
  }
  return pattern;
}

/** "2026-0042, 2026-0043 and 2026-0051" / "... a 2026-0051" / "... und 2026-0051". */
export function formatList(items: readonly string[], language: Language): string {
  const pattern = simpleList(language);
  if (!pattern || items.length === 0) return intlList(items, language);
  if (items.length === 1) return items[0]!;
  return `${items.slice(0, -1).join(pattern.between)}${pattern.last}${items[items.length - 1]}`;
}

const MORE: Readonly<Record<Language, (n: number) => string>> = Object.freeze({
  en: (n: number) => `${n} more`,
  cs: (n: number) => (n >= 2 && n <= 4 ? `${n} další` : `${n} dalších`),
  sk: (n: number) => (n >= 2 && n <= 4 ? `${n} ďalšie` : `${n} ďalších`),
  de: (n: number) => `${n} weitere`,
  nl: (n: number) => `nog ${n}`,
  nb: (n: number) => `${n} til`,
});

/**
 * A list short enough for a subject line: up to four items in full, otherwise the first three and
 * how many more ("A, B, C and 7 more", "A, B, C a 7 dalších").
 */
export function formatShortList(items: readonly string[], language: Language): string {
  if (items.length <= 4) return formatList(items, language);
  return formatList([...items.slice(0, 3), MORE[language](items.length - 3)], language);
}

/** The printed form of an IBAN, in groups of four: `CZ65 0800 0000 1920 0014 5399`. */
export function formatIban(iban: string): string {
  return normalizeIban(iban).replace(/(.{4})(?=.)/g, '$1 ');
}

/**
 * The domestic form of an account where customers of that country still pay with it, or null:
 * Czech "předčíslí-číslo/kód banky", Norwegian 11-digit kontonummer, British sort code and account
 * number. Elsewhere in SEPA the IBAN is what people type.
 *
 * @example
 *   domesticAccount('CZ6508000000192000145399') // "19-2000145399/0800"
 *   domesticAccount('NO9386011117947') // "8601 11 17947"
 *   domesticAccount('GB29NWBK60161331926819') // "60-16-13 31926819"
 */
export function domesticAccount(iban: string): string | null {
  const n = normalizeIban(iban);
  const country = n.slice(0, 2);
  if (country === 'CZ' && /^CZ\d{22}$/.test(n)) {
    const prefix = n.slice(8, 14).replace(/^0+/, '');
    const number = n.slice(14).replace(/^0+/, '');
    return `${prefix ? `${prefix}-` : ''}${number}/${n.slice(4, 8)}`;
  }
  if (country === 'NO' && /^NO\d{13}$/.test(n)) {
    return `${n.slice(4, 8)} ${n.slice(8, 10)} ${n.slice(10)}`;
  }
  if (country === 'GB' && /^GB\d{2}[A-Z]{4}\d{14}$/.test(n)) {
    const sort = n.slice(8, 14);
    return `${sort.slice(0, 2)}-${sort.slice(2, 4)}-${sort.slice(4)} ${n.slice(14)}`;
  }
  return null;
}
