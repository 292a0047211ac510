import { fail, ok, type Result } from '../kernel/errors.ts';
import { parseCamt } from './parsers/camt.ts';
import { type CsvMapping, parseCsv } from './parsers/csv.ts';
import { detectFormat } from './parsers/detect.ts';
import { type GpcPosting, gpcParser } from './parsers/gpc.ts';
import { parseMt940 } from './parsers/mt940.ts';
import { parseOcrGiro } from './parsers/ocr-giro.ts';
import type { StatementFormat, StatementParser } from './statement.ts';

export const STATEMENT_FORMATS: readonly StatementFormat[] = Object.freeze([
  'camt.053',
  'camt.054',
  'mt940',
  'gpc',
  'ocr-giro',
  'csv',
]);

export function isStatementFormat(text: string): text is StatementFormat {
  return (STATEMENT_FORMATS as readonly string[]).includes(text);
}

export interface ParserSettings {
  /** CSV: the bank's column mapping. */
  readonly csvMapping?: CsvMapping | undefined;
  /** ABO/GPC: the bank's posting codes, when they differ from the ABO description's 1/2/4/5. */
  readonly postingCodes?: Readonly<Record<string, GpcPosting>> | undefined;
}

/**
 * Posting codes as written on the command line or in a query: `1:debit,2:credit,4:credit-storno,5:debit-storno`
 * (a storno of a debit is money coming back in).
 */
export function parsePostingCodes(text: string): Result<Record<string, GpcPosting>> {
  const codes: Record<string, GpcPosting> = {};
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^(\d)\s*:\s*(debit|credit)(-storno)?$/.exec(part);
    if (!m) {
      return fail('validation_failed', `posting code "${part}" is not CODE:debit|credit[-storno]`, {
        field: 'postingCodes',
        hint: 'for example 1:debit,2:credit,4:credit-storno,5:debit-storno',
      });
    }
    codes[m[1]!] = { direction: m[2] as 'debit' | 'credit', reversal: m[3] !== undefined };
  }
  if (Object.keys(codes).length === 0) {
    return fail('validation_failed', 'no posting codes given', { field: 'postingCodes' });
  }
  return ok(codes);
}

/** The parser of a format, with the bank's settings where the format needs them. */
export function parserFor(format: StatementFormat, settings: ParserSettings = {}): Result<StatementParser> {
  const { csvMapping } = settings;
  switch (format) {
    case 'camt.053':
    case 'camt.054':
      return ok(parseCamt);
    case 'mt940':
      return ok(parseMt940);
    case 'gpc':
      return ok(gpcParser(settings.postingCodes ? { postingCodes: settings.postingCodes } : {}));
    case 'ocr-giro':
      return ok(parseOcrGiro);
    case 'csv':
      return csvMapping
        ? ok(parseCsv(csvMapping))
        : fail('validation_failed', 'a CSV statement needs a column mapping', {
            field: 'mapping',
            hint: 'give the mapping (which column holds the date, the amount, the text...) as JSON: --mapping bank.json',
          });
  }
}

/** How much of the file's start detection looks at. */
const HEAD_BYTES = 8192;

/**
 * Reads the start of a stream to tell its format, then gives the whole stream back (the start
 * included), so the file is still read only once.
 */
export async function sniff(
  input: AsyncIterable<Buffer | string>,
): Promise<{ format: StatementFormat | null; stream: AsyncIterable<Buffer> }> {
  const iterator = input[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let size = 0;
  let done = false;
  while (size < HEAD_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    head.push(chunk);
    size += chunk.length;
  }
  const format = detectFormat(Buffer.concat(head));
  async function* stream(): AsyncGenerator<Buffer> {
    yield* head;
    if (done) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      yield typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    }
  }
  return { format, stream: stream() };
}
