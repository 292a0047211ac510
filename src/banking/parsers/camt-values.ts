import { type IsoDate, isIsoDate } from '../../kernel/dates.ts';
import {
  isCurrency,
  minorUnitExponent,
  parseDecimalToMinor,
  SUPPORTED_CURRENCIES,
} from '../../kernel/money.ts';
import { type ReferenceKind, StatementError, type StatementLine } from '../statement.ts';

/**
 * Reading the leaf values of a camt document: amounts, dates, codes. Each reader gets the element
 * path of the value so that a refusal says where, and each refusal says what to do.
 */

/** An amount as written, kept raw until we know whether its currency is the one we book in. */
export interface RawAmount {
  readonly text: string;
  readonly ccy: string;
  readonly where: string;
}

const DECIMAL = /^\d+(\.\d+)?$/;

/**
 * Minor units of an unsigned camt amount. Zeros beyond the currency's decimals are accepted
 * ("18.150" EUR is 18.15, representable exactly); other excess digits are refused, as is an
 * unsupported currency, because Duly could not book the amount without rounding or guessing.
 *
 * @example
 *   parseAmount('18.150', 'EUR', '/Document/...') // 1815
 */
export function parseAmount(text: string, ccy: string | undefined, where: string): number {
  if (ccy === undefined || ccy === '') {
    throw new StatementError(where, 'amount has no Ccy attribute', 'The bank must state the currency.');
  }
  if (!isCurrency(ccy)) {
    throw new StatementError(
      where,
      `currency ${ccy} is not supported`,
      `Duly books ${SUPPORTED_CURRENCIES.join(', ')}; import statements of such accounts only.`,
    );
  }
  let t = text.trim();
  if (!DECIMAL.test(t)) {
    throw new StatementError(
      where,
      `"${text}" is not an unsigned decimal amount`,
      'camt amounts are written like 1234.50; the sign is given by CdtDbtInd.',
    );
  }
  const exp = minorUnitExponent(ccy);
  const dot = t.indexOf('.');
  if (dot >= 0) {
    let end = t.length;
    while (end - dot - 1 > exp && t.charCodeAt(end - 1) === 48) end--;
    t = t.slice(0, end === dot + 1 ? dot : end);
  }
  const minor = parseDecimalToMinor(t, ccy);
  if (minor === undefined) {
    throw new StatementError(
      where,
      `amount ${text} ${ccy} has more than ${exp} decimals (or is too large)`,
      'Ask the bank for a statement with amounts in the currency’s minor units.',
    );
  }
  return minor;
}

/** The date of a Dt or DtTm element: DtTm keeps the bank's local date as written. */
export function parseDate(text: string, where: string): IsoDate {
  const t = text.trim();
  const date = t.slice(0, 10);
  if ((t.length === 10 || t.charCodeAt(10) === 84) && isIsoDate(date)) return date;
  throw new StatementError(where, `"${text}" is not a date (YYYY-MM-DD or YYYY-MM-DDThh:mm:ss)`);
}

/** Credit/debit indicator: true for CRDT, false for DBIT. */
export function parseCredit(text: string, where: string): boolean {
  const t = text.trim();
  if (t === 'CRDT') return true;
  if (t === 'DBIT') return false;
  throw new StatementError(where, `CdtDbtInd is "${text}"`, 'It must be CRDT or DBIT.');
}

/** Entry status codes (ISO EntryStatus): FUTR (future booking) counts as pending. */
export function parseStatus(code: string, where: string): StatementLine['status'] {
  switch (code.trim()) {
    case 'BOOK':
      return 'booked';
    case 'PDNG':
    case 'FUTR':
      return 'pending';
    case 'INFO':
      return 'info';
    default:
      throw new StatementError(where, `unknown entry status "${code}"`, 'Expected BOOK, PDNG, FUTR or INFO.');
  }
}

/**
 * The kind of a creditor reference from its type: ISO SCOR is RF when it looks like one; Swiss
 * QR references (Prtry QRR) and their predecessor ISR references have the same 27-digit form.
 */
export function referenceKind(code: string | null, proprietary: string | null, ref: string): ReferenceKind {
  if (code === 'SCOR') return /^RF\d\d/i.test(ref) ? 'RF' : 'other';
  const p = proprietary?.trim().toUpperCase();
  if (p === 'QRR' || p === 'ISR REFERENCE' || p === 'ISR') return 'QRR';
  return 'other';
}

/**
 * Slovak and Czech banks carry variable, specific and constant symbols in the end-to-end id as
 * `/VS123/SS456/KS0308`; empty symbols are null, and an id without any gives null.
 *
 * @example
 *   symbolsFromEndToEndId('/VS2026001/SS/KS0308') // { vs: '2026001', ss: null, ks: '0308' }
 */
export function symbolsFromEndToEndId(id: string | null): StatementLine['symbols'] {
  if (id === null || id.indexOf('/VS') < 0) return null;
  const found: Record<string, string | null> = { VS: null, SS: null, KS: null };
  for (const m of id.matchAll(/\/(VS|SS|KS)([^/]*)/g)) {
    const value = m[2]!.trim();
    found[m[1]!] = value === '' ? null : value;
  }
  if (found.VS === null && found.SS === null && found.KS === null) return null;
  return { vs: found.VS ?? null, ss: found.SS ?? null, ks: found.KS ?? null };
}

/** Remittance texts joined with single spaces; '' when there are none. */
export function joinText(parts: readonly (string | null)[]): string {
  let out = '';
  for (const p of parts) if (p !== null && p !== '') out = out === '' ? p : `${out} ${p}`;
  return out === '' ? '' : out.replace(/\s+/g, ' ').trim();
}
