import { isValidIban, normalizeIban } from '../../kernel/iban.ts';
import { StatementError } from '../statement.ts';
import { entryDate, mt940Amount, mt940Date } from './mt940-values.ts';

/**
 * The `:61:` statement line: value date YYMMDD, optional entry date MMDD, debit/credit mark,
 * optional funds code, amount, transaction type (N/S/F + 3 characters), customer reference,
 * optional `//` bank reference, and supplementary details on the next line.
 *
 * Marks follow SWIFT: C credit, D debit, RC "reversal of credit" (a debit entry: money goes out
 * again) and RD "reversal of debit" (a credit entry: money comes back). The sample files confirm
 * it: the German SEPA sample reconciles only when RC is read as a debit.
 */

export interface Mt940Entry {
  readonly valueDate: string;
  /** The entry date when given; else null (the bank booked it on a date it did not state). */
  readonly bookingDate: string | null;
  readonly direction: 'credit' | 'debit';
  readonly reversal: boolean;
  /** Minor units, >= 0 (a zero entry is an information line some banks send). */
  readonly amount: number;
  readonly typeCode: string;
  readonly customerReference: string | null;
  readonly bankReference: string | null;
  readonly supplementary: string;
  /** An IBAN found in the customer reference or supplementary details (Dutch banks put it there). */
  readonly counterIban: string | null;
  readonly notes: readonly string[];
}

const MAIN = /^(\d{6})(\d{4}|\s{4})?(RC|RD|C|D)([A-Z])?(\d[\d,]*)([A-Z][A-Z0-9 ]{3})(.*)$/;

function ibanIn(text: string): string | null {
  const t = text.trim();
  return t !== '' && isValidIban(t) ? normalizeIban(t) : null;
}

/**
 * Reads a `:61:` field from its lines (the first without the tag). Sparkasse files break the line
 * between the mark and the amount; then the first two lines are read as one.
 *
 * @example
 *   mt940Entry(['1409010902DR000000000001,62NTRF0000549855700010//025498557/000001'], 'line 5', 'EUR')
 *   // { valueDate: '2014-09-01', bookingDate: '2014-09-02', direction: 'debit', amount: 162, ... }
 */
export function mt940Entry(lines: readonly string[], where: string, currency: string): Mt940Entry {
  let m = MAIN.exec(lines[0]!.trimEnd());
  let rest = lines.slice(1);
  if (!m && lines.length > 1) {
    m = MAIN.exec(`${lines[0]!.trim()}${lines[1]!.trim()}`);
    rest = lines.slice(2);
  }
  if (!m) {
    throw new StatementError(
      where,
      `':61:${lines[0]}' is not a statement line (value date YYMMDD, [entry date MMDD], C/D/RC/RD, amount, type)`,
      'Check the :61: field in the file; for example :61:2503140314C1234,56NTRFNONREF//B123.',
    );
  }
  const [, value, entry, mark, , amountText, typeCode, tail] = m;
  const valueDate = mt940Date(value!, where, 'value date');
  const booking = entry && entry.trim() !== '' ? entryDate(entry, valueDate.date, where) : null;
  const { customerReference, bankReference, inline } = references(tail!);
  const supplementary = [inline, ...rest.map((l) => l.trim())].filter((s) => s !== '').join('');
  return {
    valueDate: valueDate.date,
    bookingDate: booking?.date ?? null,
    direction: mark === 'C' || mark === 'RD' ? 'credit' : 'debit',
    reversal: mark === 'RC' || mark === 'RD',
    amount: mt940Amount(amountText!, currency, where),
    typeCode: typeCode!.trim(),
    customerReference,
    bankReference,
    supplementary,
    counterIban: ibanIn(rest.join('')) ?? (customerReference && ibanIn(customerReference)),
    notes: [valueDate.note, booking?.note].filter((n): n is string => n != null),
  };
}

/**
 * Customer reference `//` bank reference. Without `//`, Rabobank's legacy export pads the
 * 16-character reference with spaces and writes the counterparty's name after it on the same line.
 */
function references(tail: string): {
  customerReference: string | null;
  bankReference: string | null;
  inline: string;
} {
  const cut = tail.indexOf('//');
  if (cut >= 0) {
    return {
      customerReference: useful(tail.slice(0, cut)),
      bankReference: useful(tail.slice(cut + 2)),
      inline: '',
    };
  }
  if (tail.length > 16 && (tail[15] === ' ' || tail[16] === ' ')) {
    return {
      customerReference: useful(tail.slice(0, 16)),
      bankReference: null,
      inline: tail.slice(16).trim(),
    };
  }
  return { customerReference: useful(tail), bankReference: null, inline: '' };
}

function useful(text: string): string | null {
  const t = text.trim();
  return t === '' || t === 'NONREF' ? null : t;
}
