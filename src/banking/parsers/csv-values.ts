import { parseDecimalToMinor } from '../../kernel/money.ts';
import type { CsvDateFormat, CsvMapping } from './csv-mapping.ts';
import { fullYear, isoDate } from './lines.ts';

/**
 * Reading CSV cells as the mapping says: amounts with the bank's decimal mark and thousands
 * separator, and dates in its format. Readers return undefined for a value they cannot read; the
 * caller names the line and column.
 */

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** How an amount looks under the mapping, for messages: `1 234,56`, `1,234.56` or `1234.56`. */
export function amountExample(m: Pick<CsvMapping, 'decimal' | 'thousands'>): string {
  return m.thousands ? `1${m.thousands}234${m.decimal}56` : `1234${m.decimal}56`;
}

/**
 * A reader of signed amounts in minor units. Thousands separators are optional, but where used
 * they must group by three (`1,533.50`, not `15,33.50`). A space separator also matches the
 * no-break spaces spreadsheets write.
 *
 * @example
 *   amountReader({ decimal: ',', thousands: ' ' })('-1 234,5', 'EUR') // -123450
 */
export function amountReader(
  m: Pick<CsvMapping, 'decimal' | 'thousands'>,
): (text: string, currency: string) => number | undefined {
  const t =
    m.thousands === undefined ? null : m.thousands === ' ' ? '[ \\u00a0\\u202f]' : escapeRegExp(m.thousands);
  const integer = t ? `(?:\\d{1,3}(?:${t}\\d{3})+|\\d+)` : '\\d+';
  const shape = new RegExp(`^([+-]?)(${integer})(?:${escapeRegExp(m.decimal)}(\\d+))?$`);
  return (text, currency) => {
    const match = shape.exec(text.trim());
    if (!match) return undefined;
    const digits = match[2]!.replace(/\D/g, '');
    const minor = parseDecimalToMinor(match[3] === undefined ? digits : `${digits}.${match[3]}`, currency);
    if (minor === undefined) return undefined;
    return match[1] === '-' && minor !== 0 ? -minor : minor;
  };
}

const DATE_SHAPES: Readonly<Record<CsvDateFormat, { re: RegExp; order: readonly [number, number, number] }>> =
  {
    'YYYY-MM-DD': { re: /^(\d{4})-(\d{2})-(\d{2})$/, order: [1, 2, 3] },
    'DD.MM.YYYY': { re: /^(\d{2})\.(\d{2})\.(\d{4})$/, order: [3, 2, 1] },
    'DD/MM/YYYY': { re: /^(\d{2})\/(\d{2})\/(\d{4})$/, order: [3, 2, 1] },
    'MM/DD/YYYY': { re: /^(\d{2})\/(\d{2})\/(\d{4})$/, order: [3, 1, 2] },
    'D.M.YYYY': { re: /^(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})$/, order: [3, 2, 1] },
    'DD/MM/YY': { re: /^(\d{2})\/(\d{2})\/(\d{2})$/, order: [3, 2, 1] },
  };

/**
 * A reader of dates in `format`, giving ISO dates. A time after the date (`2026-03-01 14:05`) is
 * ignored.
 *
 * @example
 *   dateReader('D.M.YYYY')('1. 3. 2026') // '2026-03-01'
 */
export function dateReader(format: CsvDateFormat): (text: string) => string | undefined {
  const { re, order } = DATE_SHAPES[format];
  return (text) => {
    const m = re.exec(text.trim().replace(/[ T]\d{1,2}:\d{2}(:\d{2})?$/, ''));
    if (!m) return undefined;
    const [y, mo, d] = order.map((i) => Number(m[i]));
    const year = format === 'DD/MM/YY' ? fullYear(y!) : y!;
    return isoDate(year, mo!, d!) ?? undefined;
  };
}
