import { isAscii, isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { type ParseOptions, StatementError } from '../statement.ts';

/**
 * What the line-based statement parsers (MT940, GPC, OCR giro) share: reading a byte stream line
 * by line as chunks arrive, decoding each line, two-digit years, and the rule for control totals
 * that do not add up. Only the current chunk's lines are held, so a file of any size streams.
 */

export interface RawLine {
  /** 1-based line number in the file. */
  readonly number: number;
  /** The line's bytes without its CR/LF. */
  readonly bytes: Buffer;
}

/** Longer than any record of these formats by far: a longer "line" means a binary or one-line file. */
const MAX_LINE_BYTES = 64 * 1024;

/**
 * Splits a stream into lines at LF, CR LF or a lone CR, also when a line or a CR LF pair is split
 * across chunks. Strings are taken as UTF-8 text. A last line without a newline is kept. Lines come
 * in batches, one per chunk, so that a parser awaits once per chunk rather than once per line.
 *
 * @example
 *   for await (const batch of readLines(fs.createReadStream('x.sta'))) for (const l of batch) console.log(l.number)
 */
export async function* readLines(input: AsyncIterable<Buffer | string>): AsyncGenerator<RawLine[]> {
  let parts: Buffer[] = [];
  let size = 0;
  let number = 0;
  let afterCr = false;
  const take = (): RawLine => {
    const bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts, size);
    parts = [];
    size = 0;
    return { number: ++number, bytes };
  };
  for await (const chunk of input) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    if (buf.length === 0) continue;
    const batch: RawLine[] = [];
    let start = afterCr && buf[0] === 0x0a ? 1 : 0;
    afterCr = false;
    // Next LF and CR at or after `start`, searched again only once passed (a file without CRs
    // would otherwise be scanned to the end of the chunk for every line).
    let lf = -2;
    let cr = -2;
    while (start < buf.length) {
      if (lf !== -1 && lf < start) lf = buf.indexOf(0x0a, start);
      if (cr !== -1 && cr < start) cr = buf.indexOf(0x0d, start);
      const end = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
      if (end < 0) {
        parts.push(buf.subarray(start));
        size += buf.length - start;
        break;
      }
      parts.push(buf.subarray(start, end));
      size += end - start;
      batch.push(take());
      if (end === cr && end + 1 === buf.length) afterCr = true;
      start = end === cr && buf[end + 1] === 0x0a ? end + 2 : end + 1;
    }
    if (size > MAX_LINE_BYTES) {
      throw new StatementError(
        `line ${number + 1}`,
        `the line is longer than ${MAX_LINE_BYTES} bytes`,
        'This is not a line-based statement file (MT940, GPC, OCR giro); check the file and its format.',
      );
    }
    if (batch.length > 0) yield batch;
  }
  if (size > 0) yield [take()];
}

/**
 * A decoder for the lines of one file: the first line with a non-ASCII byte decides the file's
 * encoding, UTF-8 if that line is valid UTF-8, else `fallback` (windows-1250 for Czech GPC,
 * ISO-8859-1 for Norwegian OCR). Deciding once per file keeps a windows-1250 name whose bytes
 * happen to form valid UTF-8 from being misread. A later line that is not valid UTF-8 in a UTF-8
 * file is read with the fallback rather than refused: its text may suffer, never its amounts.
 * A UTF-8 byte order mark on the first line is dropped.
 *
 * @example
 *   const decode = lineDecoder('windows-1250'); decode(Buffer.from([0x8a])) // 'Š'
 */
export function lineDecoder(fallback: string): (bytes: Buffer) => string {
  let mode: 'unknown' | 'utf-8' | 'fallback' = 'unknown';
  let first = true;
  return (bytes) => {
    let b = bytes;
    if (first) {
      first = false;
      if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
        b = b.subarray(3);
        mode = 'utf-8';
      }
    }
    if (isAscii(b)) return b.toString('latin1');
    if (mode === 'unknown') mode = isUtf8(b) ? 'utf-8' : 'fallback';
    if (mode === 'fallback' || !isUtf8(b)) return iconv.decode(b, fallback);
    return b.toString('utf8');
  };
}

/**
 * The year of a two-digit year in a bank file: 2000-2069 for 00-69, else 1900s. Statements are
 * from this century; the 1900s reading keeps old test and archive files (OCR giro samples of
 * 1992) from landing in the 2090s.
 */
export function fullYear(yy: number): number {
  return yy < 70 ? 2000 + yy : 1900 + yy;
}

/** The ISO date of year, month and day, or null when there is no such day. */
export function isoDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function daysInMonth(year: number, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

/**
 * A control total of the file that does not add up (balances, turnovers, record counts): refused,
 * or, when the user asked for `tolerateImbalance`, kept as a warning for the import record.
 */
export function controlMismatch(
  options: ParseOptions | undefined,
  warnings: string[],
  where: string,
  message: string,
  hint: string,
): void {
  if (!options?.tolerateImbalance) throw new StatementError(where, message, hint);
  warnings.push(`${where}: ${message}`);
}

/** The hint of every control-total refusal: what the user can do about it. */
export const IMBALANCE_HINT =
  'Ask the bank for a complete, unaltered export; to import this file anyway, import it again with ' +
  'tolerateImbalance (--tolerate-imbalance), which records the difference as a warning.';
